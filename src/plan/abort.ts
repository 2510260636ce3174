import { ROLE_ABORT_DEFAULTS, STAGE_ROLES, type ProfileDefinition, type StageRole } from '../config/profile-schema.ts';
import type { PlanAbort, PlanAbortRule } from './types.ts';

/**
 * planAbort resolves the profile's abort rule for every stage role: the role's own settings over
 * the built-in role defaults over the profile's errorRate/for. A grace (`after`) is part of the
 * experiment's timeline, so it is scaled like the stage durations; `for` is a reaction time and
 * is not.
 */
export function planAbort(abort: ProfileDefinition['abort'], timeScale: number): PlanAbort {
  const roles = Object.fromEntries(
    STAGE_ROLES.map((role): [StageRole, PlanAbortRule | null] => {
      const rule = abort.roles[role] ?? ROLE_ABORT_DEFAULTS[role];
      if (rule === 'off') return [role, null];
      return [role, {
        errorRate: rule?.errorRate ?? abort.errorRate,
        forSeconds: rule?.for ?? abort.for,
        afterSeconds: Math.round((rule?.after ?? 0) * timeScale),
      }];
    }),
  ) as Record<StageRole, PlanAbortRule | null>;
  return { errorRate: abort.errorRate, forSeconds: abort.for, safetyForSeconds: abort.safety.for, roles };
}

/**
 * uniformAbort is one error-rate rule in every role: what run folders written before per-role
 * rules ran under (with no safety rule), and a plain rule for hand-built plans.
 */
export function uniformAbort(errorRate: number, forSeconds: number, safetyForSeconds: number | null): PlanAbort {
  const rule: PlanAbortRule = { errorRate, forSeconds, afterSeconds: 0 };
  const roles = Object.fromEntries(STAGE_ROLES.map((role) => [role, rule])) as Record<StageRole, PlanAbortRule>;
  return { errorRate, forSeconds, safetyForSeconds, roles };
}
