import type { TimeseriesRow } from '../../analysis/summary-types.ts';
import type { ReportInput } from '../input.ts';
import { AXIS_EXTENT, samplerGapReason, withoutData, type Chart } from './chart.ts';
import { hasData, nodeNames, perNode } from './series.ts';
import { lines, timeAxis, timeChart } from './time.ts';

/** NODE_COLORS: one colour per node, the same in every per-node chart (nodes are sorted by name). */
export const NODE_COLORS = ['#2471a3', '#e67e22', '#27ae60', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d4ac0d', '#1abc9c', '#34495e'];

export function nodeStyle(nodes: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...nodes], range: nodes.map((_, i) => NODE_COLORS[i % NODE_COLORS.length]!) };
}

/**
 * nodeShareChart stacks each node's share of the requests it served, second by second: an even
 * balancer shows flat equal bands, a failover shows one band vanishing and the others widening.
 */
export function nodeShareChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-node-share',
    section: 'time' as const,
    title: 'Share of requests per node',
    caption: 'Each Qdrant node’s share of the requests it served, per second, from its own counters: the balancer’s fairness, and failovers.',
  };
  const pick = (row: TimeseriesRow): Record<string, number> => row.nodeRequestsPerSecond;
  const points = perNode(input.timeseries, pick);
  if (!hasData(points)) return withoutData(base, samplerGapReason(input.summary, ['qdrant-metrics', 'qdrant-telemetry'], 'per-node requests'));
  const style = nodeStyle(nodeNames(input.timeseries, pick));
  return { ...base, spec: timeChart(input, [lines(input, points, { yTitle: 'share of requests', style, stack: 'normalize', yFormat: '.0%' })]) };
}

/**
 * nodeHealthChart draws, for each node, the spans it was up and down: the moments a failover
 * began and ended, on the same axis as the load and the latency.
 */
export function nodeHealthChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-node-health',
    section: 'time' as const,
    title: 'Node health',
    caption: 'When each node was up (in rotation) or down, second by second.',
  };
  const pick = (row: TimeseriesRow): Record<string, boolean> => row.nodeUp;
  const nodes = nodeNames(input.timeseries, pick);
  if (nodes.length === 0) return withoutData(base, samplerGapReason(input.summary, ['balancer', 'qdrant-cluster', 'qdrant-metrics'], 'node health'));
  const spans = nodes.flatMap((node) => healthSpans(input.timeseries, node));
  // Node names (host:port) are wider than the shared y-axis extent, so they are written inside the bars.
  const y = { field: 'node', type: 'nominal', title: 'node', sort: nodes, axis: { labels: false, ticks: false, minExtent: AXIS_EXTENT, maxExtent: AXIS_EXTENT } } as const;
  return {
    ...base,
    spec: timeChart(input, [
      {
        data: { values: spans },
        mark: { type: 'rect', height: { band: 0.7 } },
        encoding: {
          x: timeAxis(input, 'start'),
          x2: { field: 'end' },
          y,
          color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['up', 'down', 'no data'], range: ['#27ae60', '#c0392b', '#d5d8dc'] }, legend: { orient: 'top' } },
          tooltip: [
            { field: 'node', type: 'nominal' },
            { field: 'state', type: 'nominal' },
            { field: 'start', type: 'quantitative', title: 'from second' },
            { field: 'end', type: 'quantitative', title: 'to second' },
          ],
        },
      },
      {
        data: { values: nodes.map((node) => ({ node })) },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, fontWeight: 'bold', color: '#fff' },
        encoding: { y, x: { value: 0 }, text: { field: 'node', type: 'nominal' } },
      },
    ]),
  };
}

/** healthSpans merges consecutive seconds of one state into one span, so an hour's run stays small. */
function healthSpans(rows: readonly TimeseriesRow[], node: string): Array<{ node: string; state: string; start: number; end: number }> {
  const spans: Array<{ node: string; state: string; start: number; end: number }> = [];
  for (const row of rows) {
    const up = row.nodeUp[node];
    const state = up === undefined ? 'no data' : up ? 'up' : 'down';
    const last = spans.at(-1);
    if (last && last.state === state && last.end === row.second) last.end = row.second + 1;
    else spans.push({ node, state, start: row.second, end: row.second + 1 });
  }
  return spans;
}
