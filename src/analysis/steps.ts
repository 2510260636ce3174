import { arrivalsBy } from '../plan/shape.ts';
import type { Plan, PlanStage } from '../plan/types.ts';
import type { SampleLine } from '../runfolder/sample-lines.ts';
import { toLatencySummary } from './latency.ts';
import { highestNodeMean, nodeValues } from './node-series.ts';
import { inRange, steadyRange, type SecondRange } from './stages.ts';
import type { StepSummary } from './summary-types.ts';
import { droppedShareOf, emptyFigures, errorRateOf, unservedRateOf, type WindowFigures } from './window-figures.ts';
import { largestOf } from './largest.ts';

/** stepGroup names the group of a stage's steady-state windows in figuresByGroup. */
export function stepGroup(stage: PlanStage): string {
  return `step:${stage.index}`;
}

/**
 * buildSteps gives one summary per stage that has data in its steady state (steadyRange): a
 * stage the run never reached is left out. Rates are per second of data in that range.
 */
export function buildSteps(
  plan: Plan,
  seconds: ReadonlyMap<number, WindowFigures>,
  groups: ReadonlyMap<string, WindowFigures>,
  samples: readonly SampleLine[],
  nodes?: ReadonlySet<string>,
): StepSummary[] {
  const cpu = nodeValues(samples, 'cpuPercent', nodes);
  const redis = samples.flatMap((s) => (s.kind === 'redis-latency' ? [{ second: s.second, p99Ms: s.data.p99Ms }] : []));
  return plan.stages.flatMap((stage): StepSummary[] => {
    const range = steadyRange(stage);
    const measured = [...seconds.keys()].filter((s) => inRange(range, s));
    if (measured.length === 0) return [];
    const figures = groups.get(stepGroup(stage)) ?? emptyFigures();
    const count = measured.length;
    const completedRps = figures.completed / count;
    const allLatency = toLatencySummary(figures.latency);
    const redisP99 = redis.filter((r) => inRange(range, r.second)).map((r) => r.p99Ms);
    return [
      {
        index: stage.index,
        name: stage.name,
        role: stage.role,
        startSecond: stage.startSecond,
        endSecond: stage.startSecond + stage.durationSeconds,
        steadyFromSecond: range.from,
        seconds: count,
        offered: stage.endTarget,
        offeredUnit: plan.unit,
        offeredRps: plan.model === 'open' ? plannedArrivals(plan, measured) / count : figures.scheduled / count,
        throughputRps: figures.ok / count,
        completedRps,
        latencyMs: toLatencySummary(figures.okLatency),
        failedLatencyMs: toLatencySummary(figures.failedLatency),
        serverTimeMs: toLatencySummary(figures.server),
        errorRate: errorRateOf(figures) ?? 0,
        dropped: figures.dropped,
        droppedShare: droppedShareOf(figures),
        unservedRate: unservedRateOf(figures),
        // Little's law: requests in the system = their rate × the time each one spends there, ok or not.
        concurrency: allLatency ? completedRps * (allLatency.mean / 1000) : 0,
        redisLatencyP99Ms: largestOf(redisP99),
        nodeCpuPercent: highestNodeMean(cpu, range),
        recall: figures.recallChecked > 0 ? figures.recallSum / figures.recallChecked : null,
      },
    ];
  });
}

/** plannedArrivals is what the open-model schedule asked for in the given seconds. */
export function plannedArrivals(plan: Plan, seconds: readonly number[]): number {
  return seconds.reduce((sum, s) => sum + arrivalsBy(plan.stages, s + 1) - arrivalsBy(plan.stages, s), 0);
}

/** stepRange is the steady range a step summary was computed over. */
export function stepRange(step: StepSummary): SecondRange {
  return { from: step.steadyFromSecond, to: step.endSecond };
}
