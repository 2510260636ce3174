import { stageAt, targetAt } from '../plan/shape.ts';
import { generatorCpuPercent, hasLocalTarget } from './generator.ts';
import type { RecordedRun } from '../runfolder/recorded-run.ts';
import type { SampleLine } from '../runfolder/sample-lines.ts';
import { nodeValues, type NodeMetric } from './node-series.ts';
import type { TimeseriesRow } from './summary-types.ts';
import { emptyFigures, errorRateOf, figuresBySecond } from './window-figures.ts';
import { largestOf } from './largest.ts';

/**
 * buildTimeseries gives one row per second of the run, from second 0 to the last second the
 * engine recorded: the load, its outcome, goodput and ok latency (merged over collections), and what the
 * samplers saw in that second. A second where a sampler has nothing is absent from its map.
 */
export function buildTimeseries(run: RecordedRun): TimeseriesRow[] {
  const plan = run.manifest.plan;
  const seconds = figuresBySecond(run.windows, [], ['okLatency', 'server']);
  const ticks = new Map(run.ticks.map((t) => [t.second, t]));
  const lastSecond = Math.max(largestOf(seconds.keys()) ?? -1, largestOf(ticks.keys()) ?? -1);
  const bySecond = groupBySecond(run.samples);
  const localTarget = hasLocalTarget(run.samples);
  const nodeMaps = (metric: NodeMetric) => perSecond(nodeValues(run.samples, metric));
  const requests = nodeMaps('requestsPerSecond');
  const cpu = nodeMaps('cpuPercent');
  const memory = nodeMaps('memoryBytes');

  const rows: TimeseriesRow[] = [];
  for (let second = 0; second <= lastSecond; second++) {
    const f = seconds.get(second) ?? emptyFigures();
    const tick = ticks.get(second);
    const samples = bySecond.get(second) ?? [];
    const ms = (us: number | undefined): number | null => (us === undefined ? null : us / 1000);
    rows.push({
      second,
      stage: stageAt(plan.stages, second).index,
      target: targetAt(plan.stages, second),
      scheduled: f.scheduled,
      sent: f.sent,
      completed: f.completed,
      ok: f.ok,
      dropped: f.dropped,
      errors: f.errors,
      errorRate: errorRateOf(f),
      throughputRps: f.ok,
      latencyP50Ms: ms(f.okLatency?.p50),
      latencyP95Ms: ms(f.okLatency?.p95),
      latencyP99Ms: ms(f.okLatency?.p99),
      latencyMaxMs: ms(f.okLatency?.max),
      serverP50Ms: ms(f.server?.p50),
      inFlight: tick?.inFlight ?? null,
      connections: tick?.connections ?? null,
      redisP99Ms: largestOf(samples.flatMap((s) => (s.kind === 'redis-latency' ? [s.data.p99Ms] : []))),
      redisHitRatio: last(samples.flatMap((s) => (s.kind === 'redis-info' && s.data.hitRatio !== undefined ? [s.data.hitRatio] : []))),
      nodeRequestsPerSecond: requests.get(second) ?? {},
      nodeUp: Object.fromEntries(samples.flatMap((s) => (s.kind === 'balancer' ? s.data.servers.map((server) => [server.name, server.up]) : []))),
      nodeCpuPercent: cpu.get(second) ?? {},
      nodeRssBytes: memory.get(second) ?? {},
      generatorCpuPercent: largestOf(samples.flatMap((s) => (s.kind === 'generator' ? [generatorCpuPercent(s.data, localTarget)] : []))),
    });
  }
  return rows;
}

function groupBySecond(samples: readonly SampleLine[]): Map<number, SampleLine[]> {
  const groups = new Map<number, SampleLine[]>();
  for (const s of samples) {
    const group = groups.get(s.second);
    if (group) group.push(s);
    else groups.set(s.second, [s]);
  }
  return groups;
}

/** perSecond maps each second to each node's value (the last one, when a node was sampled twice). */
function perSecond(values: ReturnType<typeof nodeValues>): Map<number, Record<string, number>> {
  const result = new Map<number, Record<string, number>>();
  for (const v of values) result.set(v.second, { ...result.get(v.second), [v.node]: v.value });
  return result;
}

function last(values: number[]): number | null {
  return values.length > 0 ? values[values.length - 1]! : null;
}
