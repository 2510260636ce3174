import type { TimeseriesRow } from '../../analysis/summary-types.ts';
import type { ReportInput } from '../input.ts';
import { samplerGapReason, withoutData, type Chart } from './chart.ts';
import { nodeStyle } from './nodes.ts';
import { hasData, nodeNames, perNode } from './series.ts';
import { lines, timeChart } from './time.ts';

const GIB = 1 / 1024 ** 3;

/** nodeCpuChart draws each node's CPU: the resource that usually runs out first in a vector search. */
export function nodeCpuChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-node-cpu',
    section: 'time' as const,
    title: 'CPU per node',
    caption: 'CPU of each node or target process per second, as a share of its host (in the lab the balancer and Redis too; for a remote host, from node_exporter).',
  };
  return perNodeChart(input, base, (row) => row.nodeCpuPercent, 1, 'CPU %');
}

/** nodeMemoryChart draws each node's resident memory: a leak or a cache filling shows as a slope. */
export function nodeMemoryChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-node-memory',
    section: 'time' as const,
    title: 'Memory per node',
    caption: 'Resident memory of each node or target process per second, GiB.',
  };
  return perNodeChart(input, base, (row) => row.nodeRssBytes, GIB, 'GiB');
}

function perNodeChart(input: ReportInput, base: Omit<Chart, 'spec' | 'noData'>, pick: (row: TimeseriesRow) => Record<string, number>, scale: number, yTitle: string): Chart {
  const points = perNode(input.timeseries, pick, scale);
  if (!hasData(points)) return withoutData(base, samplerGapReason(input.summary, ['target-process', 'qdrant-metrics', 'qdrant-telemetry', 'prometheus-node'], `node ${yTitle === 'GiB' ? 'memory' : 'CPU'}`));
  return { ...base, spec: timeChart(input, [lines(input, points, { yTitle, style: nodeStyle(nodeNames(input.timeseries, pick)) })]) };
}
