import { stageAt } from '../plan/shape.ts';
import type { PlanAbort, PlanStage } from '../plan/types.ts';
import type { TickLine } from '../runfolder/engine-lines.ts';

/** A tick second with fewer completions than this is too thin to judge an error rate on. */
const MIN_COMPLETIONS_PER_SECOND = 5;

/** Which rule stopped the run: the per-role error-rate rule, or the safety rule for a target that is gone. */
export type AbortRuleKind = 'error-rate' | 'safety';

export interface AbortDecision {
  second: number;
  rule: AbortRuleKind;
  /** The plan stage the deciding second fell in. */
  stage: number;
  reason: string;
}

/**
 * AbortRule stops a run the plan did not mean to break. The error-rate rule (by completion time,
 * from the engine's ticks) trips after the error rate stays above its stage role's limit for that
 * role's number of consecutive seconds, counting only from the role's grace on; a role without
 * the rule (a planned overload) and a grace second both reset the streak. A second with too few
 * completions neither counts nor breaks it, so a stalled target does not reset it. The safety
 * rule watches every stage: load asked for and not one request answered ok, for its number of
 * seconds in a row, means the target is gone.
 */
export class AbortRule {
  private errorStreak = 0;
  private goneStreak = 0;

  constructor(
    private readonly stages: readonly PlanStage[],
    private readonly abort: PlanAbort,
  ) {}

  /** add takes the next tick and returns a decision once a rule trips. */
  add(tick: TickLine): AbortDecision | undefined {
    const stage = stageAt(this.stages, tick.second);
    return this.safety(tick, stage) ?? this.errorRate(tick, stage);
  }

  private safety(tick: TickLine, stage: PlanStage): AbortDecision | undefined {
    const limit = this.abort.safetyForSeconds;
    if (limit === null || tick.target <= 0) return undefined;
    this.goneStreak = tick.completed - tick.failed > 0 ? 0 : this.goneStreak + 1;
    if (this.goneStreak < limit) return undefined;
    return {
      second: tick.second,
      rule: 'safety',
      stage: stage.index,
      reason: `no request answered ok for ${limit} s (safety rule; ${tick.completed} completed, all failed, at second ${tick.second}, stage ${stage.name})`,
    };
  }

  private errorRate(tick: TickLine, stage: PlanStage): AbortDecision | undefined {
    const rule = this.abort.roles[stage.role];
    if (rule === null || tick.second < stage.startSecond + rule.afterSeconds) {
      this.errorStreak = 0;
      return undefined;
    }
    if (tick.completed < MIN_COMPLETIONS_PER_SECOND) return undefined;
    const rate = tick.failed / tick.completed;
    this.errorStreak = rate > rule.errorRate ? this.errorStreak + 1 : 0;
    if (this.errorStreak < rule.forSeconds) return undefined;
    return {
      second: tick.second,
      rule: 'error-rate',
      stage: stage.index,
      reason: `error rate above ${round(rule.errorRate * 100)}% for ${rule.forSeconds} s (abort rule; ${round(rate * 100)}% at second ${tick.second}, stage ${stage.name})`,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
