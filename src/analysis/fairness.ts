import type { EventLine } from '../runfolder/event-lines.ts';
import type { SampleLine } from '../runfolder/sample-lines.ts';
import { nodeValues, type NodeValue } from './node-series.ts';
import { inRange, type SecondRange } from './stages.ts';
import type { Fairness, StepSummary } from './summary-types.ts';
import { stepRange } from './steps.ts';

// How evenly the balancer spreads the load over the Qdrant nodes, and what a failover cost.

type Failover = Fairness['failovers'][number];

/**
 * measureFairness reads each node's own request count (Qdrant's telemetry or /metrics, sampled on
 * every node directly). The nodes are sampled together at one interval, so summing each node's
 * per-sample rates gives counts in the right proportions. `failures(second)` is the number of
 * failed requests intended in that second.
 */
export function measureFairness(samples: readonly SampleLine[], measured: SecondRange, steps: readonly StepSummary[], failures: (second: number) => number): Fairness {
  const requests = nodeValues(samples, 'requestsPerSecond');
  const nodes = [...new Set(requests.map((r) => r.node))].sort();
  const run = spread(requests, nodes, measured);
  const failovers = failoversOf(samples);
  const hasBalancer = samples.some((s) => s.kind === 'balancer');
  const lostDuringFailover = hasBalancer ? lostDuring(failovers, measured, failures) : null;
  return {
    measured: run !== null,
    shares: run?.shares ?? {},
    coefficientOfVariation: run?.coefficientOfVariation ?? null,
    maxMinRatio: run?.maxMinRatio ?? null,
    perStep: steps.map((step) => {
      const s = spread(requests, nodes, stepRange(step));
      return { stepIndex: step.index, shares: s?.shares ?? {}, coefficientOfVariation: s?.coefficientOfVariation ?? null };
    }),
    balancerWatched: hasBalancer,
    failovers,
    lostDuringFailover,
  };
}

interface Spread {
  shares: Record<string, number>;
  coefficientOfVariation: number;
  maxMinRatio: number | null;
}

function spread(requests: readonly NodeValue[], nodes: readonly string[], range: SecondRange): Spread | null {
  const counts = new Map(nodes.map((n) => [n, 0]));
  for (const r of requests) if (inRange(range, r.second)) counts.set(r.node, counts.get(r.node)! + r.value);
  const values = [...counts.values()];
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const mean = total / values.length;
  const deviation = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
  const low = Math.min(...values);
  return {
    shares: Object.fromEntries([...counts].map(([node, count]) => [node, count / total])),
    coefficientOfVariation: deviation / mean,
    // A node that served nothing has no ratio (null), rather than Infinity.
    maxMinRatio: low > 0 ? Math.max(...values) / low : null,
  };
}

/** failoversOf finds each backend server going DOWN in the balancer's samples, and coming back UP. */
export function failoversOf(samples: readonly SampleLine[]): Failover[] {
  const open = new Map<string, Failover>();
  const failovers: Failover[] = [];
  for (const sample of samples) {
    if (sample.kind !== 'balancer') continue;
    for (const server of sample.data.servers) {
      const current = open.get(server.name);
      if (!server.up && !current) {
        const failover = { node: server.name, downSecond: sample.second, upSecond: null };
        open.set(server.name, failover);
        failovers.push(failover);
      } else if (server.up && current) {
        current.upSecond = sample.second;
        open.delete(server.name);
      }
    }
  }
  return failovers;
}

/** lostDuring counts failed requests in the seconds when any node was out of rotation. */
function lostDuring(failovers: readonly Failover[], measured: SecondRange, failures: (second: number) => number): number {
  const seconds = new Set<number>();
  for (const f of failovers) for (let s = f.downSecond; s < (f.upSecond ?? measured.to); s++) seconds.add(s);
  return [...seconds].reduce((sum, s) => sum + failures(s), 0);
}

/**
 * nodeBackInRotationSeconds is the time from a killed node's restart (or its kill, when the run
 * logged no restart) until the balancer has it UP again: null when it never came back, undefined
 * when the run killed no node.
 */
export function nodeBackInRotationSeconds(failovers: readonly Failover[], events: readonly EventLine[]): number | null | undefined {
  const killed = events.find((e) => e.type === 'node-killed');
  if (!killed) return undefined;
  const restarted = events.find((e) => e.type === 'node-restarted' && e.second >= killed.second);
  // The balancer notices a dead node a health check or two after the kill, never before it.
  const failover = failovers.find((f) => f.downSecond >= killed.second - 1);
  if (!failover || failover.upSecond === null) return null;
  return failover.upSecond - (restarted ?? killed).second;
}
