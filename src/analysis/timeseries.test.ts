import { describe, expect, it } from 'vitest';
import { syntheticRun, type SyntheticSample } from '../../test/helpers/synthetic-run.ts';
import { buildTimeseries } from './timeseries.ts';

describe('buildTimeseries', () => {
  // A 2-second ramp from 50 to 100 req/s, then 3 s at 200 req/s; second 3 stalls for 900 ms.
  const run = syntheticRun({
    stages: [{ seconds: 2, target: 100, startTarget: 50, role: 'warmup' }, { seconds: 3, target: 200 }],
    collections: [{ name: 'alpha', share: 0.5 }, { name: 'beta', share: 0.5 }],
    load: (second) => (second === 3 ? { latencyMs: { p50: 900, p95: 950, p99: 990, max: 1000 }, serverMs: 2, errors: { timeout: 4 } } : { latencyMs: 10, serverMs: 2 }),
    samples: [
      { kind: 'qdrant-metrics', source: 'http://node1:6333', second: 3, data: { requestsTotal: 10, requestsPerSecond: 120, failuresPerSecond: 0, collectionPoints: {}, residentMemoryBytes: 5e8 } },
      { kind: 'target-process', source: 'qdrant-node1', second: 3, data: { pid: 7, cpuPercent: 85, rssBytes: 4e8, openConnections: 10, readBytesPerSecond: 0, writeBytesPerSecond: 0 } },
      { kind: 'redis-latency', source: 'redis', second: 3, data: { samples: 90, minMs: 0.1, avgMs: 0.3, p50Ms: 0.2, p99Ms: 0.8, maxMs: 2 } },
      { kind: 'redis-info', source: 'redis', second: 3, data: { opsPerSecond: 1, connectedClients: 1, blockedClients: 0, usedMemoryBytes: 1, keyspaceHits: 9, keyspaceMisses: 1, hitRatio: 0.9, evictedKeys: 0, rejectedConnections: 0 } },
      {
        kind: 'balancer',
        source: 'haproxy',
        second: 3,
        data: { source: 'haproxy', servers: [{ name: 'node1', status: 'UP', up: true, sessionsCurrent: 1, sessionsTotal: 9, sessionsPerSecond: 1, queue: 0, http5xx: 0 }] },
      },
      { kind: 'generator', source: 'generator', second: 3, data: { nodeCpuPercent: 10, machineCpuPercent: 35, nodeRssBytes: 1, eventLoopLagMs: 1, cores: 2 } },
    ] satisfies SyntheticSample[],
  });
  const rows = buildTimeseries(run);

  it('has one row per second of the run, with the plan’s stage and target beside what happened', () => {
    expect(rows.map((r) => [r.second, r.stage, r.target])).toEqual([[0, 0, 50], [1, 0, 75], [2, 1, 200], [3, 1, 200], [4, 1, 200]]);
    expect(rows[2]).toMatchObject({ scheduled: 200, sent: 200, completed: 200, ok: 200, dropped: 0, errorRate: 0, throughputRps: 200, connections: 50 });
  });

  it('merges the collections’ histograms of each second before reading its percentiles', () => {
    expect(rows[3]!.latencyP95Ms).toBeCloseTo(950, -1);
    expect(rows[3]!.latencyMaxMs).toBeGreaterThan(990);
    expect(rows[3]!.latencyMaxMs).toBeLessThanOrEqual(1000);
    expect(rows[3]!.serverP50Ms).toBeCloseTo(2, 1);
    expect(rows[3]).toMatchObject({ ok: 196, errorRate: 0.02, errors: expect.objectContaining({ timeout: 4 }) });
    expect(rows[2]!.latencyP50Ms).toBeCloseTo(10, 0);
  });

  it('puts the samplers’ values on the same second, keyed by node', () => {
    expect(rows[3]).toMatchObject({
      nodeRequestsPerSecond: { 'node1:6333': 120 },
      nodeCpuPercent: { 'qdrant-node1': 85 },
      nodeRssBytes: { 'qdrant-node1': 4e8 },
      nodeUp: { node1: true },
      redisP99Ms: 0.8,
      redisHitRatio: 0.9,
      // A local target (its processes are sampled) shares the machine: the generator is its own processes (Node at 10 %), not the machine's 35 %.
      generatorCpuPercent: 10,
    });
  });

  it('leaves a second without samples empty instead of carrying values over', () => {
    expect(rows[4]).toMatchObject({ nodeRequestsPerSecond: {}, nodeUp: {}, nodeCpuPercent: {}, redisP99Ms: null, redisHitRatio: null, generatorCpuPercent: null });
  });

  it('is empty for a run that recorded nothing', () => {
    expect(buildTimeseries(syntheticRun({ stages: [{ seconds: 5, target: 10 }], seconds: 0 }))).toEqual([]);
  });
});
