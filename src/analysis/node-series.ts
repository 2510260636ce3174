import type { SampleKind, SampleLine } from '../runfolder/sample-lines.ts';
import { inRange, type SecondRange } from './stages.ts';

// Per-node series read out of the samplers' lines: CPU, memory, requests, disk and network.

export type NodeMetric = 'cpuPercent' | 'memoryBytes' | 'memoryUsedPercent' | 'requestsPerSecond' | 'diskBytesPerSecond' | 'networkBitsPerSecond';

type Reader = (data: Record<string, unknown>) => unknown;

/**
 * NODE_METRIC_SOURCES lists where each metric can come from, best first. Only the first kind
 * with samples in the run is used, so one node sampled two ways is not counted twice.
 */
const NODE_METRIC_SOURCES: Record<NodeMetric, Array<[SampleKind, Reader]>> = {
  cpuPercent: [
    ['prometheus-node', (d) => d.cpuPercent],
    // A share of the host, so a multi-threaded node and a single-threaded one compare alike.
    ['target-process', (d) => d.hostCpuPercent ?? d.cpuPercent],
  ],
  memoryBytes: [
    ['target-process', (d) => d.rssBytes],
    ['qdrant-telemetry', (d) => d.residentMemoryBytes],
    ['qdrant-metrics', (d) => d.residentMemoryBytes],
  ],
  memoryUsedPercent: [
    ['prometheus-node', (d) => d.memoryUsedPercent],
    ['target-process', (d) => d.hostMemoryUsedPercent],
  ],
  // The search routes alone when the sampler tells them apart: health checks and the samplers'
  // own reads are not load the balancer spread.
  requestsPerSecond: [
    ['qdrant-telemetry', (d) => d.pointsRequestsPerSecond ?? d.requestsPerSecond],
    ['qdrant-metrics', (d) => d.pointsRequestsPerSecond ?? d.requestsPerSecond],
  ],
  diskBytesPerSecond: [['prometheus-node', (d) => d.diskBytesPerSecond]],
  networkBitsPerSecond: [['prometheus-node', (d) => d.networkBitsPerSecond]],
};

/** NodeValue is one sampled value of one node. */
export interface NodeValue {
  node: string;
  second: number;
  t: number;
  value: number;
}

/**
 * nodeValues reads one metric for every node that has it, in time order. Given the target's
 * nodes, local processes other than those nodes (the lab's HAProxy, Redis, gateway) are left out:
 * a verdict on the nodes' CPU is about the nodes.
 */
export function nodeValues(samples: readonly SampleLine[], metric: NodeMetric, nodes?: ReadonlySet<string>): NodeValue[] {
  for (const [kind, read] of NODE_METRIC_SOURCES[metric]) {
    const values = samples.flatMap((s): NodeValue[] => {
      if (s.kind !== kind) return [];
      if (nodes && kind === 'target-process' && !nodes.has(nodeKey(s.source))) return [];
      const value = read(s.data as unknown as Record<string, unknown>);
      return typeof value === 'number' && Number.isFinite(value) ? [{ node: nodeKey(s.source), second: s.second, t: s.t, value }] : [];
    });
    if (values.length > 0) return values;
  }
  return [];
}

/** nodeKey names a node by its URL's host:port, or by the source's own name when it is not a URL. */
export function nodeKey(source: string): string {
  try {
    return new URL(source).host || source;
  } catch {
    // Not a URL: a process or backend server name, already a fine key.
    return source;
  }
}

/** meanByNode averages each node's values over the range. */
export function meanByNode(values: readonly NodeValue[], range: SecondRange): Map<string, number> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const v of values) {
    if (!inRange(range, v.second)) continue;
    const sum = sums.get(v.node) ?? { total: 0, count: 0 };
    sum.total += v.value;
    sum.count += 1;
    sums.set(v.node, sum);
  }
  return new Map([...sums].map(([node, s]) => [node, s.total / s.count]));
}

/**
 * highestNodeMean is the busiest node's mean over the range: a mean, so one noisy sample does not
 * make a step look exhausted, and the busiest node, since one exhausted node is enough to break.
 */
export function highestNodeMean(values: readonly NodeValue[], range: SecondRange): number | null {
  const means = [...meanByNode(values, range).values()];
  return means.length > 0 ? Math.max(...means) : null;
}
