import type { ReportInput } from './input.ts';
import { formatCount, formatPercent } from './format.ts';
import { generatorSentence } from './wording/findings.ts';
import { missingData, verdictReasons } from './wording/reasons.ts';

/** Banner is a box at the top of a report the reader must see before trusting any number below it. */
export interface Banner {
  /** fail: why the run failed; inconclusive: why there is no verdict, and what is missing; caution: a figure to read with care. */
  kind: 'fail' | 'inconclusive' | 'missing' | 'caution';
  heading: string;
  items: string[];
}

/**
 * reportBanners says what stands between the reader and the numbers: why the run failed, why it
 * has no verdict (an incomplete run, a saturated generator), what data is missing (a sampler that
 * failed), and figures to read with care (a closed model's latency, dropped arrivals).
 */
export function reportBanners({ manifest, summary }: ReportInput): Banner[] {
  const banners: Banner[] = [];
  const reasons = verdictReasons(summary);
  if (summary.verdict === 'fail' && reasons.length > 0) banners.push({ kind: 'fail', heading: 'Why it failed', items: reasons });

  const missing = unique(missingData(summary));
  const incomplete = !summary.complete || !manifest.complete;
  if (summary.verdict === 'inconclusive' || incomplete) {
    const ran = `Incomplete run (${formatCount(summary.durationSeconds)} s of ${formatCount(manifest.plan.durationSeconds)} s, ${manifest.exitReason})`;
    const heading = incomplete ? (summary.verdict === 'inconclusive' ? `${ran}: no verdict` : ran) : 'Inconclusive: no verdict';
    // An inconclusive verdict names every threshold without data among its reasons, in the same words as the missing data: listed once.
    banners.push({ kind: 'inconclusive', heading, items: unique([...(summary.verdict === 'inconclusive' ? reasons : []), ...missing]) });
  } else if (missing.length > 0) {
    banners.push({ kind: 'missing', heading: 'Missing data', items: missing });
  }

  const cautions: string[] = [];
  if (summary.generator.saturated) cautions.push(`The load generator saturated: ${generatorSentence(summary.generator)}. Latencies may be the generator's, not the target's.`);
  if (summary.model === 'closed') {
    cautions.push('Closed model: a slow response delays the next request on its connection, so latency may hide coordinated omission; use an open-model run for latency verdicts.');
  }
  if (summary.totals.dropped > 0 && summary.totals.scheduled > 0) {
    cautions.push(`${formatCount(summary.totals.dropped)} arrivals (${formatPercent(summary.totals.droppedShare)} of those scheduled) were dropped at the in-flight bound of ${formatCount(manifest.plan.limits.maxInFlight)}: offered load the target never saw.`);
  }
  if (cautions.length > 0) banners.push({ kind: 'caution', heading: 'Read with care', items: cautions });
  return banners;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
