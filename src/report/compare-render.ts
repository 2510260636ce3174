import { NOT_RECOVERED, type Comparison, type MetricComparison } from './compare.ts';
import { escapeMarkdown, markdownCode } from './escape.ts';
import { formatPercentagePoints, formatQuantity, formatSignedPercent } from './format.ts';

const STATUS_MARK: Record<MetricComparison['status'], string> = { ok: '✅ ok', regression: '❌ regression', improvement: '⬆️ improvement', 'no data': '⚪ no data' };

const names = (metrics: readonly MetricComparison[]): string => metrics.map((m) => escapeMarkdown(m.name)).join(', ');
const OUTCOME: Record<Comparison['outcome'], (comparison: Comparison) => string> = {
  'no-regression': () => '✅ no regression',
  regression: ({ regressions }) => `❌ ${regressions.length} regression${regressions.length === 1 ? '' : 's'}: ${names(regressions)}`,
  inconclusive: ({ noData }) => `⚪ inconclusive: no data for ${names(noData)}`,
};

/**
 * renderComparison writes a comparison as Markdown, readable in a terminal and in a CI job
 * summary: the outcome first, what may make the runs unlike, then one row per figure.
 */
export function renderComparison(comparison: Comparison): string {
  const { baseline, current, metrics, caveats } = comparison;
  const outcome = OUTCOME[comparison.outcome](comparison);
  const run = (r: Comparison['baseline']): string =>
    `${markdownCode(r.runId)} (${escapeMarkdown(r.profile)}, ${escapeMarkdown(r.form)} form, ${r.runs > 1 ? `median of ${r.runs} runs, ` : ''}${escapeMarkdown(r.verdict)})`;
  const lines = [
    `## vecstress compare: ${outcome}`,
    '',
    `baseline ${run(baseline)} → current ${run(current)}`,
    '',
    ...(caveats.length > 0 ? ['> [!WARNING]', ...caveats.map((caveat) => `> - ${escapeMarkdown(caveat)}`), ''] : []),
    '| figure | baseline | current | change | tolerance | status |',
    '|---|---:|---:|---:|---:|---|',
    ...metrics.map((m) => `| ${escapeMarkdown(m.name)} | ${value(m, m.baseline)}${band(m)} | ${value(m, m.current)} | ${change(m)} | ${tolerance(m)} | ${STATUS_MARK[m.status]}${m.withinNoise ? ' (within the baseline’s spread)' : ''} |`),
  ];
  return `${lines.join('\n')}\n`;
}

function value(metric: MetricComparison, amount: number | null): string {
  return amount === NOT_RECOVERED ? 'not recovered' : formatQuantity(amount, metric.unit);
}

/** band writes a repeat baseline's spread beside its median: " (9.8–11.2 ms over 3 runs)". */
function band(metric: MetricComparison): string {
  const spread = metric.baselineBand;
  return spread ? ` (${value(metric, spread.min)}–${value(metric, spread.max)} over ${spread.runs} runs)` : '';
}

function change(metric: MetricComparison): string {
  if (metric.change === null) return '';
  if (metric.change === 0) return 'none';
  if (!Number.isFinite(metric.change)) return metric.change > 0 ? 'never recovered' : 'now recovers';
  if (metric.unit === 'ratio') return formatPercentagePoints(metric.change);
  const absolute = `${metric.change >= 0 ? '+' : '−'}${formatQuantity(Math.abs(metric.change), metric.unit)}`;
  return metric.relativeChange === null ? absolute : `${absolute} (${formatSignedPercent(metric.relativeChange)})`;
}

/** tolerance is signed the way the figure may move: up for latency, down for throughput. */
function tolerance({ tolerance: t, better, unit }: MetricComparison): string {
  const allowed = better === 'lower' ? t.value : -t.value;
  if (t.kind === 'relative') return formatSignedPercent(allowed);
  return unit === 'ratio' ? formatPercentagePoints(allowed) : `${better === 'lower' ? '+' : '−'}${formatQuantity(t.value, unit)}`;
}
