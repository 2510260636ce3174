import type { ConfigProblem } from '../config/errors.ts';
import type { StageDefinition } from '../config/profile-schema.ts';
import type { Ceilings } from '../config/thresholds-schema.ts';
import type { Form } from '../config/run-options.ts';
import type { Plan } from './types.ts';

// A plan is bounded before it is built: a step series is counted before it is expanded, so a
// hostile "to: 1e15" is refused in microseconds instead of filling memory, and every figure the
// engine gets is finite.

/** MAX_PLAN_STAGES bounds the stages once step series are expanded: each is a row of every report. */
export const MAX_PLAN_STAGES = 1000;
/** MAX_PLAN_SECONDS is the longest plan of each form: a lab run is minutes, a soak test a week at most. */
export const MAX_PLAN_SECONDS: Readonly<Record<Form, number>> = { lab: 3600, full: 7 * 86_400 };
/** Bounds of --scale and --time-scale, beyond which no shipped profile means anything. */
export const MAX_LOAD_SCALE = 1e4;
export const MAX_TIME_SCALE = 1e3;

/** expandedStageCount counts the stages a profile's definitions expand to, without expanding them. */
export function expandedStageCount(stages: readonly StageDefinition[]): number {
  return stages.reduce((count, stage) => count + (stage.kind === 'hold' ? 1 : Math.floor((stage.steps.to - stage.steps.from) / stage.steps.by) + 1), 0);
}

/** stageCountProblems refuses a profile whose step series expand to more than MAX_PLAN_STAGES stages, naming each long series. */
export function stageCountProblems(stages: readonly StageDefinition[], file: string): ConfigProblem[] {
  const count = expandedStageCount(stages);
  if (count <= MAX_PLAN_STAGES) return [];
  const longest = stages.reduce((best, stage, i) => (expandedStageCount([stage]) > expandedStageCount([stages[best]!]) ? i : best), 0);
  return [{ file, path: `stages[${longest}]`, message: `the stages expand to ${count} steps; a plan may have at most ${MAX_PLAN_STAGES} (raise "by" or lower "to")` }];
}

/** planLengthProblems refuses a plan longer than its form allows, or one whose length is not a finite number. */
export function planLengthProblems(durationSeconds: number, form: Form, file: string): ConfigProblem[] {
  const max = MAX_PLAN_SECONDS[form];
  if (Number.isFinite(durationSeconds) && durationSeconds <= max) return [];
  return [{ file, path: 'stages', message: `the ${form} form lasts ${durationSeconds} s; a ${form}-form plan may last at most ${max} s (check each stage's duration and --time-scale)` }];
}

/**
 * ceilingProblems refuses a plan that opens more connections than the thresholds' ceilings
 * allow: past ceilings.connections the analysis calls connections exhausted, so such a plan
 * measures a broken target by construction (raise the ceiling to test beyond it on purpose).
 */
export function ceilingProblems(plan: Pick<Plan, 'stages' | 'limits' | 'form'>, ceilings: Ceilings, thresholdsFile: string): ConfigProblem[] {
  const ceiling = ceilings.connections;
  if (ceiling === undefined) return [];
  const peak = plan.stages.reduce((most, s) => Math.max(most, s.startConnections, s.endConnections), plan.limits.maxConnections);
  if (peak <= ceiling) return [];
  return [{ file: thresholdsFile, path: 'ceilings.connections', message: `is ${ceiling}, but the ${plan.form}-form plan opens up to ${peak} connections (lower the profile's connections or --scale, or raise the ceiling)` }];
}
