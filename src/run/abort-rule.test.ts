import { describe, expect, it } from 'vitest';
import { uniformAbort } from '../plan/abort.ts';
import type { PlanAbort, PlanStage } from '../plan/types.ts';
import type { StageRole } from '../config/profile-schema.ts';
import type { TickLine } from '../runfolder/engine-lines.ts';
import { AbortRule, type AbortDecision } from './abort-rule.ts';

function tick(second: number, completed: number, failed: number, target = 100): TickLine {
  return { type: 'tick', second, target, inFlightMax: 0, inFlight: 0, connections: 1, vus: 0, scheduled: 100, sent: 100, dropped: 0, completed, failed, p95Us: 1000 };
}

function stages(...spans: Array<[StageRole, number]>): PlanStage[] {
  let startSecond = 0;
  return spans.map(([role, durationSeconds], index) => {
    const stage: PlanStage = { index, name: `${role} ${index}`, role, startSecond, durationSeconds, executor: 'constant-arrival-rate', startTarget: 100, endTarget: 100, startConnections: 25, endConnections: 25 };
    startSecond += durationSeconds;
    return stage;
  });
}

/** feed gives the rule one (completed, failed) pair per second from second 0 and returns its decision. */
function feed(rule: AbortRule, seconds: Array<[number, number]>): AbortDecision | undefined {
  for (const [i, [completed, failed]] of seconds.entries()) {
    const decision = rule.add(tick(i, completed, failed));
    if (decision) return decision;
  }
  return undefined;
}

const repeat = (count: number, second: [number, number]): Array<[number, number]> => Array.from({ length: count }, () => second);

describe('AbortRule: the error-rate rule', () => {
  it.each<[string, Array<[number, number]>, number | undefined]>([
    ['trips on the third consecutive bad second', [[100, 0], [100, 60], [100, 70], [100, 90]], 3],
    ['resets the streak on a good second', [[100, 60], [100, 60], [100, 10], [100, 60], [100, 60]], undefined],
    ['needs more than the limit, not the limit itself', [[100, 50], [100, 50], [100, 50]], undefined],
    ['skips seconds too thin to judge without breaking the streak', [[100, 90], [3, 1], [2, 1], [100, 90], [100, 90]], 4],
    ['never trips on a healthy run', repeat(60, [100, 1]), undefined],
  ])('%s', (_, seconds, expected) => {
    const rule = new AbortRule(stages(['load', 60]), uniformAbort(0.5, 3, null));
    expect(feed(rule, seconds)?.second).toBe(expected);
  });

  it('says why it stopped the run', () => {
    const rule = new AbortRule(stages(['load', 60]), uniformAbort(0.5, 1, null));
    expect(rule.add(tick(7, 10, 9))).toEqual({ second: 7, rule: 'error-rate', stage: 0, reason: 'error rate above 50% for 1 s (abort rule; 90% at second 7, stage load 0)' });
  });
});

describe('AbortRule: a plan with an overload', () => {
  // baseline 0–9, overload 10–29, recovery 30–59; recovery watches from its fifth second.
  const plan = stages(['baseline', 10], ['overload', 20], ['recovery', 30]);
  const abort: PlanAbort = { ...uniformAbort(0.5, 3, 6), roles: { ...uniformAbort(0.5, 3, 6).roles, overload: null, recovery: { errorRate: 0.5, forSeconds: 3, afterSeconds: 5 } } };

  it('lets a planned overload fail most requests', () => {
    expect(feed(new AbortRule(plan, abort), [...repeat(10, [100, 0]), ...repeat(20, [100, 95]), ...repeat(30, [100, 0])])).toBeUndefined();
  });

  it('watches a recovery stage only after its grace, with no streak carried over from the overload', () => {
    const decision = feed(new AbortRule(plan, abort), [...repeat(10, [100, 0]), ...repeat(50, [100, 95])]);
    expect(decision).toMatchObject({ second: 30 + 5 + 2, rule: 'error-rate', stage: 2 });
  });

  it('still stops a target that is gone during the overload (the safety rule)', () => {
    const decision = feed(new AbortRule(plan, abort), [...repeat(10, [100, 0]), ...repeat(3, [100, 95]), ...repeat(20, [100, 100])]);
    expect(decision).toMatchObject({ second: 13 + 5, rule: 'safety', stage: 1 });
  });

  it('counts seconds with no answer at all towards the safety rule, and one ok answer resets it', () => {
    const silent = feed(new AbortRule(plan, abort), [...repeat(12, [100, 0]), ...repeat(6, [0, 0])]);
    expect(silent).toMatchObject({ second: 17, rule: 'safety' });
    const flickering = feed(new AbortRule(plan, abort), [...repeat(10, [100, 0]), ...repeat(5, [0, 0]), [100, 99], ...repeat(5, [0, 0]), ...repeat(9, [100, 90])]);
    expect(flickering).toBeUndefined();
  });

  it('does not count seconds where no load was asked for', () => {
    const rule = new AbortRule(plan, abort);
    const idle = Array.from({ length: 10 }, (_, second) => rule.add(tick(second, 0, 0, 0)));
    expect(idle.every((d) => d === undefined)).toBe(true);
  });
});
