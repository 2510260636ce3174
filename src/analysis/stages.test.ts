import { describe, expect, it } from 'vitest';
import type { PlanStage } from '../plan/types.ts';
import { searchedStages, steadyRange } from './stages.ts';

function stage(index: number, startSecond: number, durationSeconds: number, endTarget: number, role: PlanStage['role'] = 'step'): PlanStage {
  return { index, name: `s${index}`, role, startSecond, durationSeconds, executor: 'constant-arrival-rate', startTarget: endTarget, endTarget, startConnections: 1, endConnections: 1 };
}

describe('steadyRange', () => {
  it.each([
    // [duration, first steady second, why]
    [60, 6, 'a full-form 60 s step skips its first 10 %'],
    [168, 10, 'a long step skips at most 10 s'],
    [4, 1, 'a lab step of 4 s skips at least 1 s'],
    [2, 1, 'the shortest scaled stage (2 s) keeps its second second'],
    [1, 0, 'a 1-second stage is kept whole'],
  ])('a %i s stage starting at 0 counts from second %i: %s', (duration, from) => {
    expect(steadyRange(stage(0, 0, duration, 100))).toEqual({ from, to: duration });
  });

  it('counts from the stage’s own start', () => {
    expect(steadyRange(stage(3, 120, 60, 100))).toEqual({ from: 126, to: 180 });
  });
});

describe('searchedStages', () => {
  it('walks the measured stages while the load rises, leaving out warmup and the way back down', () => {
    const stages = [stage(0, 0, 5, 40, 'warmup'), stage(1, 5, 20, 40, 'baseline'), stage(2, 25, 10, 800, 'overload'), stage(3, 35, 30, 40, 'recovery'), stage(4, 65, 5, 10, 'cooldown')];
    expect(searchedStages(stages).map((s) => s.index)).toEqual([1, 2]);
  });

  it('keeps every step of a progressive run', () => {
    const stages = [100, 200, 300].map((target, i) => stage(i, i * 10, 10, target));
    expect(searchedStages(stages)).toHaveLength(3);
  });
});
