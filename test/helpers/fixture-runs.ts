import type { ThresholdsDefinition } from '../../src/config/thresholds-schema.ts';
import type { SecondLoad, SyntheticRunSpec, SyntheticSample } from './synthetic-run.ts';
import type { WriteOptions } from './write-run-folder.ts';

// The synthetic run folders kept in test/fixtures/runs/, written by write-fixtures.ts. Each one
// tells a story the analysis must read back; recorded lab runs sit beside them.

/** THRESHOLDS is thresholds.yaml as the config loader resolves it (ms, fractions, per second, bytes). */
const THRESHOLDS: ThresholdsDefinition = {
  global: { latency: { p95: 20, p99: 50 }, errorRate: 0.01, throughput: 8000, cpu: 0.9, memory: 0.85, recovery: 60 },
  ceilings: { connections: 10000, memory: 64e9, cpu: 0.95, disk: 1e9, network: 10e9 },
  profiles: {
    baseline: { throughput: 400 },
    spike: { latency: { p99: 200 }, errorRate: 0.05 },
    recovery: { latency: { p99: 200 }, errorRate: 0.05 },
  },
  collections: { deepcoder: { latency: { p95: 30 } } },
};

const NODES = ['http://qdrant-1:6333', 'http://qdrant-2:6333', 'http://qdrant-3:6333'];
const COLLECTIONS = [
  { name: 'mixtral', share: 0.4 },
  { name: 'hermes', share: 0.3 },
  { name: 'deepcoder', share: 0.3, pattern: 'code_search' },
];

/** clusterSamples samples three even nodes, Redis, the balancer and the generator every second. */
function clusterSamples(seconds: number, rateAt: (second: number) => number, cpuAt: (second: number) => number): SyntheticSample[] {
  return Array.from({ length: seconds }, (_, second): SyntheticSample[] => [
    ...NODES.map((source, node): SyntheticSample => ({
      kind: 'qdrant-metrics',
      source,
      second,
      data: { requestsTotal: 0, requestsPerSecond: rateAt(second) / 3, failuresPerSecond: 0, collectionPoints: {}, residentMemoryBytes: 6e8 + node * 1e7 },
    })),
    ...NODES.map((source, node): SyntheticSample => ({
      kind: 'target-process',
      // Named as vecstress names a local node's process: by its URL's host:port.
      source: new URL(source).host,
      second,
      data: { pid: 100 + node, cpuPercent: cpuAt(second), rssBytes: 6e8, openConnections: 20, readBytesPerSecond: 0, writeBytesPerSecond: 1e4 },
    })),
    { kind: 'redis-latency', source: 'redis', second, data: { samples: 95, minMs: 0.08, avgMs: 0.15, p50Ms: 0.13, p99Ms: 0.4, maxMs: 0.9 } },
    {
      kind: 'balancer',
      source: 'haproxy',
      second,
      data: {
        source: 'haproxy',
        servers: ['qdrant-1', 'qdrant-2', 'qdrant-3'].map((name) => ({ name, status: 'UP', up: true, sessionsCurrent: 10, sessionsTotal: 100 + second, sessionsPerSecond: 5, queue: 0, http5xx: 0 })),
      },
    },
    { kind: 'generator', source: 'generator', second, data: { engineCpuPercent: 40, nodeCpuPercent: 12, machineCpuPercent: 45, nodeRssBytes: 1.5e8, engineRssBytes: 3e7, eventLoopLagMs: 2, cores: 2 } },
  ]).flat();
}

// progressive-lab: ten 4-second steps from 40 to 400 req/s; the cluster answers 250 req/s at most.
const CAPACITY = 250;
const progressiveLoad = (_second: number, stage: { endTarget: number }): SecondLoad =>
  stage.endTarget <= CAPACITY
    ? { latencyMs: { p50: 4, p95: 9, p99: 14 }, serverMs: { p50: 2, p95: 5, p99: 8 }, recall: { checked: 4, mean: 0.97 } }
    : { dropped: stage.endTarget - CAPACITY, latencyMs: { p50: 300, p95: 800, p99: 950 }, serverMs: { p50: 20, p95: 60, p99: 90 }, recall: { checked: 4, mean: 0.95 } };

// spike-lab: baseline at 40 req/s, a 6-second spike to 400 req/s, back within 6 s.
const spikeLoad = (second: number): SecondLoad => {
  if (second >= 23 && second < 29) return { latencyMs: { p50: 200, p95: 450, p99: 600 }, errors: { timeout: 12, status5xx: 8 } };
  if (second >= 29 && second < 35) return { latencyMs: { p50: 30, p95: 80, p99: 120 } };
  return { latencyMs: { p50: 4, p95: 8, p99: 12 }, serverMs: 2 };
};

export const FIXTURE_RUNS: Record<string, { spec: SyntheticRunSpec; write?: WriteOptions }> = {
  'progressive-lab': {
    spec: {
      profile: 'progressive',
      form: 'lab',
      loadScale: 0.1,
      stages: Array.from({ length: 10 }, (_, i) => ({ name: `step ${i + 1}`, role: 'step' as const, seconds: 4, target: 40 * (i + 1) })),
      collections: COLLECTIONS,
      load: progressiveLoad,
      thresholds: THRESHOLDS,
      nodes: NODES,
      samples: clusterSamples(40, (s) => Math.min(CAPACITY, 40 * (Math.floor(s / 4) + 1)), (s) => Math.min(92, 20 + 8 * Math.floor(s / 4))),
      pointsBefore: { mixtral: 5000, hermes: 5000, deepcoder: 5000 },
      pointsAfter: { mixtral: 5000, hermes: 5000, deepcoder: 5000 },
    },
    write: { lateWindows: true },
  },
  'spike-lab': {
    spec: {
      profile: 'spike',
      form: 'lab',
      loadScale: 0.1,
      stages: [
        { name: 'ramp-up', role: 'warmup', seconds: 3, target: 40, startTarget: 0 },
        { name: 'baseline', role: 'baseline', seconds: 20, target: 40 },
        { name: 'spike', role: 'overload', seconds: 6, target: 400 },
        { name: 'after', role: 'recovery', seconds: 30, target: 40 },
      ],
      collections: COLLECTIONS,
      load: spikeLoad,
      thresholds: THRESHOLDS,
      nodes: NODES,
      samples: clusterSamples(59, (s) => (s >= 23 && s < 29 ? 400 : 40), () => 30),
    },
    write: { lateWindows: true },
  },
  'baseline-interrupted': {
    spec: {
      profile: 'baseline',
      form: 'lab',
      loadScale: 0.3,
      stages: [
        { name: 'ramp-up', role: 'warmup', seconds: 3, target: 120, startTarget: 0 },
        { name: 'steady', role: 'load', seconds: 27, target: 120 },
      ],
      seconds: 12,
      complete: false,
      exitReason: 'interrupted',
      collections: COLLECTIONS,
      load: () => ({ latencyMs: { p50: 3, p95: 7, p99: 11 } }),
      thresholds: THRESHOLDS,
      nodes: NODES,
      samples: clusterSamples(12, () => 120, () => 25),
      events: [{ type: 'interrupt', second: 12, message: 'SIGINT: stopping' }],
    },
    write: { cutLastLine: true },
  },
};
