import type { TickLine } from '../runfolder/engine-lines.ts';

/** A tick second with fewer completions than this is too thin to judge an error rate on. */
const MIN_COMPLETIONS_PER_SECOND = 5;

export interface AbortDecision {
  second: number;
  reason: string;
}

/**
 * AbortRule stops a run against a collapsing target: the error rate (by completion time, from
 * the engine's ticks) above a limit for a number of consecutive seconds. A second with too few
 * completions neither counts nor breaks the streak, so a stalled target that answers nothing
 * does not reset it.
 */
export class AbortRule {
  private streak = 0;

  constructor(
    private readonly errorRate: number,
    private readonly forSeconds: number,
  ) {}

  /** add takes the next tick and returns a decision once the rule trips. */
  add(tick: TickLine): AbortDecision | undefined {
    if (tick.completed < MIN_COMPLETIONS_PER_SECOND) return undefined;
    const rate = tick.failed / tick.completed;
    this.streak = rate > this.errorRate ? this.streak + 1 : 0;
    if (this.streak < this.forSeconds) return undefined;
    return {
      second: tick.second,
      reason: `error rate above ${round(this.errorRate * 100)}% for ${this.forSeconds} s (abort rule; ${round(rate * 100)}% at second ${tick.second})`,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
