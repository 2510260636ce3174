import { describe, expect, it } from 'vitest';
import { syntheticRun, type SyntheticSample } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';

// Two 10-second steps at 300 and 600 req/s, spread over three nodes sampled every second.
const NODES = ['http://node1:6333', 'http://node2:6333', 'http://node3:6333'];
const stages = [{ seconds: 10, target: 300 }, { seconds: 10, target: 600 }];

/** nodeRates samples each node's request rate: share(node, second) of the second's load. */
function nodeRates(share: (node: number, second: number) => number): SyntheticSample[] {
  return Array.from({ length: 20 }, (_, second) =>
    NODES.map((source, node): SyntheticSample => ({
      kind: 'qdrant-telemetry',
      source,
      second,
      data: { requestsTotal: 0, requestsPerSecond: (second < 10 ? 300 : 600) * share(node, second), failuresPerSecond: 0, routes: {}, clusterEnabled: true },
    })),
  ).flat();
}

function balancer(second: number, node2Up: boolean): SyntheticSample {
  const server = (name: string, up: boolean) => ({ name, status: up ? 'UP' : 'DOWN', up, sessionsCurrent: 1, sessionsTotal: 1, sessionsPerSecond: 1, queue: 0, http5xx: 0 });
  return { kind: 'balancer', source: 'haproxy', second, data: { source: 'haproxy', servers: [server('node1', true), server('node2', node2Up), server('node3', true)] } };
}

describe('fairness', () => {
  it('finds an even round-robin even: equal shares, CV 0, max/min 1', () => {
    const summary = analyzeRun(syntheticRun({ stages, nodes: NODES, samples: nodeRates(() => 1 / 3) }));
    expect(summary.fairness.measured).toBe(true);
    expect(Object.values(summary.fairness.shares).map((s) => s.toFixed(4))).toEqual(['0.3333', '0.3333', '0.3333']);
    expect(Object.keys(summary.fairness.shares)).toEqual(['node1:6333', 'node2:6333', 'node3:6333']);
    expect(summary.fairness.coefficientOfVariation).toBeCloseTo(0, 10);
    expect(summary.fairness.maxMinRatio).toBeCloseTo(1, 10);
    expect(summary.fairness.failovers).toEqual([]);
    expect(summary.fairness.lostDuringFailover).toBeNull();
  });

  it('measures a skewed spread, per step as well as over the run', () => {
    // Step 1: 50/25/25. Step 2: even.
    const summary = analyzeRun(syntheticRun({ stages, samples: nodeRates((node, second) => (second < 10 ? [0.5, 0.25, 0.25][node]! : 1 / 3)) }));
    const [first, second] = summary.fairness.perStep;
    expect(first!.shares['node1:6333']).toBeCloseTo(0.5, 10);
    expect(first!.coefficientOfVariation).toBeCloseTo(Math.sqrt(2) / 4, 10);
    expect(second!.coefficientOfVariation).toBeCloseTo(0, 10);
    // Over the run, node 1 served 1500 + 2000 of 9000 requests.
    expect(summary.fairness.shares['node1:6333']).toBeCloseTo(3500 / 9000, 10);
    expect(summary.fairness.maxMinRatio).toBeCloseTo(3500 / 2750, 10);
  });

  it('times a failover from the balancer and counts the requests lost while the node was out', () => {
    const samples = [
      ...nodeRates((node, second) => (second >= 12 && second < 16 ? [0.5, 0, 0.5][node]! : 1 / 3)),
      ...Array.from({ length: 20 }, (_, s) => balancer(s, s < 12 || s >= 16)),
    ];
    const summary = analyzeRun(
      syntheticRun({
        stages,
        samples,
        load: (second) => ({ latencyMs: 10, errors: second >= 12 && second < 16 ? { refused: 5 } : {} }),
        events: [
          { type: 'node-killed', second: 12, message: 'killed node2' },
          { type: 'node-restarted', second: 14, message: 'restarted node2' },
        ],
      }),
    );
    expect(summary.fairness.failovers).toEqual([{ node: 'node2', downSecond: 12, upSecond: 16 }]);
    expect(summary.fairness.lostDuringFailover).toBe(20);
    expect(summary.fairness.maxMinRatio).not.toBeNull();
    expect(summary.recovery.nodeBackInRotationSeconds).toBe(2);
    expect(summary.fairness.balancerWatched).toBe(true);
  });

  it('says a node that never came back is not back, and that a node that served nothing has no max/min', () => {
    const samples = [...nodeRates((node) => (node === 1 ? 0 : 0.5)), ...Array.from({ length: 20 }, (_, s) => balancer(s, s < 5))];
    const summary = analyzeRun(syntheticRun({ stages, samples, events: [{ type: 'node-killed', second: 5, message: 'killed node2' }] }));
    expect(summary.fairness.failovers).toEqual([{ node: 'node2', downSecond: 5, upSecond: null }]);
    expect(summary.recovery.nodeBackInRotationSeconds).toBeNull();
    expect(summary.fairness.maxMinRatio).toBeNull();
  });

  it('is not measured without per-node request counts', () => {
    const summary = analyzeRun(syntheticRun({ stages }));
    expect(summary.fairness).toMatchObject({ measured: false, shares: {}, coefficientOfVariation: null });
    expect(summary.recovery.nodeBackInRotationSeconds).toBeUndefined();
  });
});
