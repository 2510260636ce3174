import type { Summary } from '../analysis/summary-types.ts';

/**
 * formatConsoleSummary is what a run prints when it ends: the verdict and the few numbers that
 * matter, in the spirit of k6's end-of-test summary; the report has the rest.
 */
export function formatConsoleSummary(summary: Summary, reportPath: string): string {
  const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
  const latency = summary.latencyMs;
  const lines = [
    '',
    `${summary.verdict.toUpperCase()}  ${summary.profile} (${summary.form} form, ${summary.model} model) against ${summary.target.url}${summary.complete ? '' : ' (incomplete run)'}`,
    `  requests   ${summary.totals.requests} sent, ${summary.totals.completed} completed, ${summary.totals.dropped} dropped, ${(summary.totals.errorRate * 100).toFixed(2)}% errors`,
    `  throughput ${summary.totals.throughputRps.toFixed(1)} req/s`,
    `  latency    p50 ${ms(latency?.p50)}  p95 ${ms(latency?.p95)}  p99 ${ms(latency?.p99)}  max ${ms(latency?.max)}`,
  ];
  if (summary.breakingPoint.applicable) lines.push(`  breaking   ${summary.breakingPoint.detail}`);
  if (summary.recovery.applicable) lines.push(`  recovery   ${summary.recovery.detail}`);
  const failed = summary.thresholds.filter((t) => t.status === 'fail');
  const noData = summary.thresholds.filter((t) => t.status === 'no data');
  lines.push(`  thresholds ${summary.thresholds.length - failed.length - noData.length} passed, ${failed.length} failed, ${noData.length} without data`);
  for (const t of failed) lines.push(`    ✗ ${t.name} (${t.scope}): ${t.observed} ${t.unit}, limit ${t.kind === 'max' ? '≤' : '≥'} ${t.limit} ${t.unit}`);
  for (const reason of summary.inconclusiveReasons) lines.push(`  ! ${reason}`);
  for (const missing of summary.missing) lines.push(`  ! missing: ${missing}`);
  lines.push(`  report     ${reportPath}`, '');
  return lines.join('\n');
}
