import type { PlanStage } from '../plan/types.ts';
import type { SecondPoint } from './second-points.ts';
import { isMeasured } from './stages.ts';
import type { Recovery, StepSummary } from './summary-types.ts';
import { largestOf } from './largest.ts';

/**
 * RECOVERY_RULES: a second is back when its p95 is within 50 % of the baseline's (or 5 ms, for
 * sub-millisecond baselines where scheduling jitter alone is larger), its error rate within 1
 * point of the baseline's, and at most 2 % of its arrivals were dropped. Recovered at the first
 * second that is back and opens a 10-second hold in which every second is back but at most 1
 * outlier: a lone second over the latency or error limit (the generating machine's noise, not the
 * target's), never one with dropped arrivals or without data, and never the hold's first second.
 */
export const RECOVERY_RULES = { p95Factor: 1.5, p95SlackMs: 5, errorRateSlack: 0.01, droppedShare: 0.02, holdSeconds: 10, outlierSeconds: 1 } as const;

/** SecondState is how one second after the overload reads against the recovery rule. */
type SecondState = 'back' | 'outlier' | 'out';

/**
 * measureRecovery times the way back from an overload: from the end of the overload stages until
 * p95 latency and error rate are back near the baseline measured before it and stay there for the
 * hold period. Applies to plans with an overload stage followed by more load.
 */
export function measureRecovery(stages: readonly PlanStage[], steps: readonly StepSummary[], seconds: ReadonlyMap<number, SecondPoint>): Recovery {
  const base = {
    applicable: false,
    measured: false,
    seconds: null,
    overloadEndSecond: null,
    recoveredAtSecond: null,
    baselineP95Ms: null,
    worstP95Ms: null,
    baselineStepIndex: null,
    baselineErrorRate: null,
    worstErrorRate: null,
    p95LimitMs: null,
    errorRateLimit: null,
    holdSeconds: RECOVERY_RULES.holdSeconds,
    outlierSeconds: RECOVERY_RULES.outlierSeconds,
    droppedShareLimit: RECOVERY_RULES.droppedShare,
    watchedSeconds: null,
  };
  const firstOverload = stages.findIndex((s) => s.role === 'overload');
  let afterOverload = firstOverload;
  while (stages[afterOverload]?.role === 'overload') afterOverload++;
  if (firstOverload < 0 || afterOverload >= stages.length) {
    return { ...base, code: 'no-overload' };
  }
  const overloadStart = stages[firstOverload]!.startSecond;
  const overloadEnd = stages[afterOverload]!.startSecond;
  const applicable = { ...base, applicable: true, overloadEndSecond: overloadEnd };

  const baseline = baselineStep(stages, firstOverload, steps);
  if (!baseline?.latencyMs) return { ...applicable, code: 'no-baseline' };
  const baselineP95 = baseline.latencyMs.p95;
  const p95Limit = Math.max(baselineP95 * RECOVERY_RULES.p95Factor, baselineP95 + RECOVERY_RULES.p95SlackMs);
  const errorLimit = baseline.errorRate + RECOVERY_RULES.errorRateSlack;
  const withBaseline = { ...applicable, baselineStepIndex: baseline.index, baselineP95Ms: baselineP95, baselineErrorRate: baseline.errorRate, p95LimitMs: p95Limit, errorRateLimit: errorLimit };

  const lastSecond = largestOf(seconds.keys()) ?? -Infinity;
  if (lastSecond < overloadEnd) return { ...withBaseline, code: 'stopped-before-overload-end' };

  const watched = lastSecond + 1 - overloadEnd;
  // Fewer seconds than the hold: whether it came back cannot be told, which is not a failure.
  if (watched < RECOVERY_RULES.holdSeconds) return { ...withBaseline, code: 'too-short', watchedSeconds: watched };

  const stateOf = (second: number): SecondState => {
    const point = seconds.get(second);
    if (point?.latency == null || (point.droppedShare ?? 0) > RECOVERY_RULES.droppedShare) return 'out';
    return point.latency.p95 <= p95Limit && (point.errorRate ?? 0) <= errorLimit ? 'back' : 'outlier';
  };
  let recoveredAt: number | null = null;
  for (let s = overloadEnd; s + RECOVERY_RULES.holdSeconds - 1 <= lastSecond; s++) {
    if (holds(s, stateOf)) {
      recoveredAt = s;
      break;
    }
  }
  const worst = worstOf(seconds, overloadStart, recoveredAt ?? lastSecond + 1);
  const measured = { ...withBaseline, measured: true, worstP95Ms: worst.p95, worstErrorRate: worst.errorRate, watchedSeconds: watched };
  if (recoveredAt === null) return { ...measured, code: 'not-recovered' };
  return { ...measured, code: 'recovered', seconds: recoveredAt - overloadEnd, recoveredAtSecond: recoveredAt };
}

/** holds tells whether the hold opening at `from` starts back and has no more outliers than the rule allows. */
function holds(from: number, stateOf: (second: number) => SecondState): boolean {
  if (stateOf(from) !== 'back') return false;
  let outliers = 0;
  for (let s = from + 1; s < from + RECOVERY_RULES.holdSeconds; s++) {
    const state = stateOf(s);
    if (state === 'out') return false;
    if (state === 'outlier' && ++outliers > RECOVERY_RULES.outlierSeconds) return false;
  }
  return true;
}

/** baselineStep is the last baseline stage before the overload, or failing that the last measured one. */
function baselineStep(stages: readonly PlanStage[], firstOverload: number, steps: readonly StepSummary[]): StepSummary | undefined {
  const before = stages.slice(0, firstOverload);
  const stage = before.findLast((s) => s.role === 'baseline') ?? before.findLast(isMeasured);
  return stage && steps.find((step) => step.index === stage.index);
}

function worstOf(seconds: ReadonlyMap<number, SecondPoint>, from: number, to: number): { p95: number | null; errorRate: number | null } {
  let p95: number | null = null;
  let errorRate: number | null = null;
  for (let s = from; s < to; s++) {
    const point = seconds.get(s);
    if (point?.latency) p95 = Math.max(p95 ?? 0, point.latency.p95);
    if (point?.errorRate != null) errorRate = Math.max(errorRate ?? 0, point.errorRate);
  }
  return { p95, errorRate };
}
