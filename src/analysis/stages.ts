import type { StageRole } from '../config/profile-schema.ts';
import type { PlanStage } from '../plan/types.ts';

// Which seconds count for what. The rules here are the ones the README states.

/** UNMEASURED_ROLES are stages that only prepare or wind down: the run's figures leave them out. */
const UNMEASURED_ROLES: readonly StageRole[] = ['warmup', 'cooldown'];

/** isMeasured says whether a stage's seconds count in the run's figures and thresholds. */
export function isMeasured(stage: PlanStage): boolean {
  return !UNMEASURED_ROLES.includes(stage.role);
}

/** SecondRange is the seconds from `from` up to, not including, `to`. */
export interface SecondRange {
  from: number;
  to: number;
}

/** STEADY_TRIM limits the part of each stage skipped before its steady state: 10 %, at least 1 s, at most 10 s. */
export const STEADY_TRIM = { fraction: 0.1, minSeconds: 1, maxSeconds: 10 } as const;

/**
 * steadyRange is the part of a stage its step figures come from. The first seconds after a change
 * of load hold the transition (connections opening, queues filling or draining), so they are
 * skipped: 10 % of the stage, at least 1 s and at most 10 s, always leaving at least 1 s.
 */
export function steadyRange(stage: PlanStage): SecondRange {
  const wanted = Math.min(STEADY_TRIM.maxSeconds, Math.max(STEADY_TRIM.minSeconds, Math.round(stage.durationSeconds * STEADY_TRIM.fraction)));
  const trim = Math.min(wanted, stage.durationSeconds - 1);
  return { from: stage.startSecond + trim, to: stage.startSecond + stage.durationSeconds };
}

/** stageRange is the whole of a stage. */
export function stageRange(stage: PlanStage): SecondRange {
  return { from: stage.startSecond, to: stage.startSecond + stage.durationSeconds };
}

export function inRange(range: SecondRange, second: number): boolean {
  return second >= range.from && second < range.to;
}

/**
 * searchedStages are the stages the breaking-point search walks: the measured ones, in plan
 * order, while the load does not go down (the recovery after a spike is not a higher step).
 */
export function searchedStages(stages: readonly PlanStage[]): PlanStage[] {
  const searched: PlanStage[] = [];
  for (const stage of stages.filter(isMeasured)) {
    const previous = searched[searched.length - 1];
    if (previous && stage.endTarget < previous.endTarget) break;
    searched.push(stage);
  }
  return searched;
}
