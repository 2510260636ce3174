import type { Summary } from '../analysis/summary-types.ts';
import { decidesVerdict } from '../analysis/advisory.ts';
import { escapeTerminal } from '../report/escape.ts';
import { formatCount, formatMs, formatPercent, formatRps } from '../report/format.ts';
import { breakingPointSentence } from '../report/wording/breaking-point.ts';
import { missingSentence, verdictReasonSentence } from '../report/wording/reasons.ts';
import { recoverySentence } from '../report/wording/recovery.ts';
import { thresholdSentence } from '../report/wording/thresholds.ts';

/**
 * formatConsoleSummary is what a run prints when it ends: the verdict and the few numbers that
 * matter, in the spirit of k6's end-of-test summary; the report has the rest. Its sentences are
 * the reports' own (src/report/wording/), so the terminal and summary.md never disagree.
 */
export function formatConsoleSummary(summary: Summary, reportPath: string): string {
  const { totals, latencyMs: latency } = summary;
  const lines = [
    '',
    `${summary.verdict.toUpperCase()}  ${escapeTerminal(summary.profile)} (${summary.form} form, ${summary.model} model) against ${escapeTerminal(summary.target.url)}${summary.complete ? '' : ' (incomplete run)'}`,
    `  requests   ${formatCount(totals.requests)} sent, ${formatCount(totals.completed)} completed, ${formatCount(totals.dropped)} dropped, ${formatPercent(totals.errorRate)} errors`,
    `  throughput ${formatRps(totals.throughputRps)} ok (goodput), ${formatRps(totals.completedRps)} completed; unserved ${formatPercent(totals.unservedRate)}`,
    `  latency    ok p50 ${formatMs(latency?.p50)}  p95 ${formatMs(latency?.p95)}  p99 ${formatMs(latency?.p99)}  max ${formatMs(latency?.max)}; failed p95 ${formatMs(summary.failedLatencyMs?.p95)}`,
  ];
  if (summary.breakingPoint.applicable) lines.push(`  breaking   ${breakingPointSentence(summary.breakingPoint, summary.steps)}`);
  if (summary.recovery.applicable) lines.push(`  recovery   ${recoverySentence(summary.recovery, summary.steps)}`);
  const deciding = summary.thresholds.filter(decidesVerdict);
  const advisory = summary.thresholds.filter((t) => !decidesVerdict(t));
  const failed = deciding.filter((t) => t.status === 'fail');
  const noData = deciding.filter((t) => t.status === 'no-data');
  lines.push(`  thresholds ${deciding.length - failed.length - noData.length} passed, ${failed.length} failed, ${noData.length} without data${advisory.length > 0 ? `, ${advisory.length} advisory` : ''}`);
  for (const t of failed) lines.push(`    ✗ ${thresholdSentence(t, summary)}`);
  for (const t of advisory) lines.push(`    ~ ${thresholdSentence(t, summary)}`);
  // Failed thresholds are listed above; the other reasons (lost points, why there is no verdict) follow.
  for (const reason of summary.verdictReasons.filter((r) => r.code !== 'threshold-failed')) {
    lines.push(`  ${summary.verdict === 'fail' ? '✗' : '!'} ${verdictReasonSentence(reason, summary)}`);
  }
  for (const missing of summary.missing) lines.push(`  ! missing: ${missingSentence(missing, summary)}`);
  lines.push(`  report     ${reportPath}`, '');
  return lines.join('\n');
}
