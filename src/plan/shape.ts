import type { Plan, PlanStage } from './types.ts';

// Shape maths over a plan's piecewise-linear targets. The Go engine implements the same
// functions; test/vectors/ holds cases both languages check, so the two cannot drift.

/** stageAt returns the stage running at second t (the last one at or after the end). */
export function stageAt(stages: readonly PlanStage[], t: number): PlanStage {
  const found = stages.find((s) => t < s.startSecond + s.durationSeconds);
  return found ?? stages[stages.length - 1]!;
}

/** targetAt returns the target (req/s or VUs) at second t: linear inside a stage. */
export function targetAt(stages: readonly PlanStage[], t: number): number {
  const stage = stageAt(stages, t);
  const progress = clamp((t - stage.startSecond) / stage.durationSeconds, 0, 1);
  return stage.startTarget + (stage.endTarget - stage.startTarget) * progress;
}

/**
 * arrivalsBy returns how many open-model arrivals are due by second t: the integral of the rate
 * from 0 to t. Hit k (0-based) is due at the moment this reaches k + 1, as in vegeta's
 * constant pacer, which sends hit k at (k+1)/rate.
 */
export function arrivalsBy(stages: readonly PlanStage[], t: number): number {
  let total = 0;
  for (const stage of stages) {
    if (t <= stage.startSecond) break;
    const span = Math.min(t, stage.startSecond + stage.durationSeconds) - stage.startSecond;
    const slope = (stage.endTarget - stage.startTarget) / stage.durationSeconds;
    total += stage.startTarget * span + (slope * span * span) / 2;
  }
  return total;
}

/**
 * intendedSecondOfHit inverts arrivalsBy: the second at which hit k is due, or undefined when the
 * plan ends first. Inside a stage the integral is quadratic in time, so each stage solves
 * a·x² + b·x = need for the elapsed x.
 */
export function intendedSecondOfHit(stages: readonly PlanStage[], k: number): number | undefined {
  let need = k + 1;
  for (const stage of stages) {
    const d = stage.durationSeconds;
    const a = (stage.endTarget - stage.startTarget) / d / 2;
    const b = stage.startTarget;
    const inStage = a * d * d + b * d;
    if (need <= inStage + 1e-9) return stage.startSecond + solveElapsed(a, b, need, d);
    need -= inStage;
  }
  return undefined;
}

function solveElapsed(a: number, b: number, need: number, duration: number): number {
  if (Math.abs(a) < 1e-12) return b > 0 ? need / b : duration;
  // The root of a·x² + b·x − need = 0 inside [0, duration]. Written as 2·need / (b + √…) it stays
  // accurate when a is tiny next to b, where the textbook form cancels catastrophically.
  const discriminant = Math.max(0, b * b + 4 * a * need);
  return Math.min(duration, (2 * need) / (b + Math.sqrt(discriminant)));
}

/** totalArrivals is the number of requests an open-model plan schedules over its whole duration. */
export function totalArrivals(plan: Pick<Plan, 'stages' | 'durationSeconds'>): number {
  return Math.floor(arrivalsBy(plan.stages, plan.durationSeconds) + 1e-9);
}

/** peakTarget is the highest target any stage reaches. */
export function peakTarget(stages: readonly PlanStage[]): number {
  return stages.reduce((most, s) => Math.max(most, s.startTarget, s.endTarget), 0);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
