import type { ThresholdResult } from '../../analysis/summary-types.ts';
import type { ReportInput } from '../input.ts';
import { thresholdName } from '../wording/thresholds.ts';
import { AXIS_EXTENT, withoutData, type Chart, type LayerSpec } from './chart.ts';
import { hasData, seriesOf } from './series.ts';
import { lines, timeChart } from './time.ts';

const Y_TITLE = 'ms (log scale)';

/**
 * latencyChart draws the client latency percentiles of every second (from the intended send time,
 * so an open-model run hides no stall) with Qdrant's own server time beneath them, and the run's
 * latency limits as dashed lines. The y scale is logarithmic: a 10 ms median and a 2 s stall
 * must both stay readable.
 */
export function latencyChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-latency',
    section: 'time' as const,
    title: 'Latency percentiles over time',
    caption: 'Client latency per second (p50, p95, p99, max) and Qdrant’s server time (p50), log scale; dashed lines are the latency limits.',
  };
  const points = seriesOf(input.timeseries, [
    ['p50', (row) => row.latencyP50Ms],
    ['p95', (row) => row.latencyP95Ms],
    ['p99', (row) => row.latencyP99Ms],
    ['max', (row) => row.latencyMaxMs],
    ['server p50', (row) => row.serverP50Ms],
  ]).map((point) => (point.value !== null && point.value <= 0 ? { ...point, value: null } : point));
  if (!hasData(points)) return withoutData(base, 'no data: no request completed, so there is no latency to draw');
  const style = { domain: ['p50', 'p95', 'p99', 'max', 'server p50'], range: ['#85c1e9', '#2471a3', '#6c3483', '#b3b6b7', '#27ae60'] };
  const layers = [lines(input, points, { yTitle: Y_TITLE, style, yScale: { type: 'log' } }), ...limitLayers(latencyLimits(input.summary.thresholds))];
  return { ...base, spec: timeChart(input, layers) };
}

/** latencyLimits picks the run-wide latency limits (not a single collection's) that have a value. */
function latencyLimits(thresholds: readonly ThresholdResult[]): Array<{ label: string; limit: number }> {
  return thresholds
    .filter((t) => t.metric.startsWith('latency.') && !t.scope.startsWith('collection:'))
    .map((t) => ({ label: `${thresholdName(t)} limit`, limit: t.limit }));
}

function limitLayers(limits: Array<{ label: string; limit: number }>): LayerSpec[] {
  if (limits.length === 0) return [];
  const data = { values: limits };
  const y = { field: 'limit', type: 'quantitative', title: Y_TITLE, axis: { minExtent: AXIS_EXTENT, maxExtent: AXIS_EXTENT } } as const;
  return [
    { data, mark: { type: 'rule', strokeDash: [2, 2], color: '#c0392b', opacity: 0.7 }, encoding: { y, tooltip: [{ field: 'label', type: 'nominal' }, { field: 'limit', type: 'quantitative', title: 'ms' }] } },
    { data, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -1, fontSize: 9, color: '#c0392b' }, encoding: { y, x: { value: { expr: 'width' } }, text: { field: 'label', type: 'nominal' } } },
  ];
}
