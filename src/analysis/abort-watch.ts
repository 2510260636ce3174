import { stageAt } from '../plan/shape.ts';
import type { Plan } from '../plan/types.ts';
import type { EventLine } from '../runfolder/event-lines.ts';
import type { AbortWatch, AbortWatchedRole } from './summary-types.ts';

/**
 * abortWatchOf says what the run's abort rule watched, role by role in plan order, and whether it
 * fired: from the plan's rule and the run's abort event. An abort event from before the rule had
 * roles carries no detail; it was the error-rate rule, in the stage its second fell in.
 */
export function abortWatchOf(plan: Plan, events: readonly EventLine[]): AbortWatch {
  const roles: AbortWatchedRole[] = [];
  for (const stage of plan.stages) {
    if (roles.some((r) => r.role === stage.role)) continue;
    const rule = plan.abort.roles[stage.role];
    roles.push({
      role: stage.role,
      stages: plan.stages.filter((s) => s.role === stage.role).map((s) => s.index),
      errorRate: rule?.errorRate ?? null,
      forSeconds: rule?.forSeconds ?? null,
      afterSeconds: rule?.afterSeconds ?? 0,
    });
  }
  const event = events.find((e) => e.type === 'abort');
  const second = typeof event?.detail?.second === 'number' ? event.detail.second : event?.second;
  let fired: AbortWatch['fired'] = null;
  if (event !== undefined && second !== undefined) {
    const stage = plan.stages.find((s) => s.index === event.detail?.stage) ?? stageAt(plan.stages, second);
    fired = { rule: event.detail?.rule === 'safety' ? 'safety' : 'error-rate', second, stage: stage.index, stageName: stage.name };
  }
  return { roles, safetyForSeconds: plan.abort.safetyForSeconds, fired };
}
