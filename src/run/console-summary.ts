import type { Summary } from '../analysis/summary-types.ts';
import { formatCount, formatMs, formatQuantity, formatRatio, formatRps } from '../report/format.ts';

/**
 * formatConsoleSummary is what a run prints when it ends: the verdict and the few numbers that
 * matter, in the spirit of k6's end-of-test summary; the report has the rest.
 */
export function formatConsoleSummary(summary: Summary, reportPath: string): string {
  const { totals, latencyMs: latency } = summary;
  const lines = [
    '',
    `${summary.verdict.toUpperCase()}  ${summary.profile} (${summary.form} form, ${summary.model} model) against ${summary.target.url}${summary.complete ? '' : ' (incomplete run)'}`,
    `  requests   ${formatCount(totals.requests)} sent, ${formatCount(totals.completed)} completed, ${formatCount(totals.dropped)} dropped, ${formatRatio(totals.errorRate)} errors`,
    `  throughput ${formatRps(totals.throughputRps)}`,
    `  latency    p50 ${formatMs(latency?.p50)}  p95 ${formatMs(latency?.p95)}  p99 ${formatMs(latency?.p99)}  max ${formatMs(latency?.max)}`,
  ];
  if (summary.breakingPoint.applicable) lines.push(`  breaking   ${summary.breakingPoint.detail}`);
  if (summary.recovery.applicable) lines.push(`  recovery   ${summary.recovery.detail}`);
  const failed = summary.thresholds.filter((t) => t.status === 'fail');
  const noData = summary.thresholds.filter((t) => t.status === 'no data');
  lines.push(`  thresholds ${summary.thresholds.length - failed.length - noData.length} passed, ${failed.length} failed, ${noData.length} without data`);
  for (const t of failed) {
    lines.push(`    ✗ ${t.name} (${t.scope}): ${formatQuantity(t.observed, t.unit)}, limit ${t.kind === 'max' ? '≤' : '≥'} ${formatQuantity(t.limit, t.unit)}`);
  }
  for (const reason of summary.inconclusiveReasons) lines.push(`  ! ${reason}`);
  for (const missing of summary.missing) lines.push(`  ! missing: ${missing}`);
  lines.push(`  report     ${reportPath}`, '');
  return lines.join('\n');
}
