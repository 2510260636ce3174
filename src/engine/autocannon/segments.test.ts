import { describe, expect, it } from 'vitest';
import type { PlanStage } from '../../plan/types.ts';
import { closedSegments } from './segments.ts';

function stage(index: number, startSecond: number, durationSeconds: number, startTarget: number, endTarget: number): PlanStage {
  return { index, name: `s${index}`, role: 'load', startSecond, durationSeconds, executor: 'constant-vus', startTarget, endTarget, startConnections: startTarget, endConnections: endTarget };
}

describe('closedSegments', () => {
  it('keeps a constant stage whole and splits a ramp into seconds at their mid-point VUs', () => {
    expect(closedSegments({ stages: [stage(0, 0, 4, 0, 8), stage(1, 4, 10, 8, 8)] })).toEqual([
      { startSecond: 0, seconds: 1, vus: 1, stage: 0 }, // 1 VU at 0.5 s, never 0: a segment always sends
      { startSecond: 1, seconds: 1, vus: 3, stage: 0 },
      { startSecond: 2, seconds: 1, vus: 5, stage: 0 },
      { startSecond: 3, seconds: 1, vus: 7, stage: 0 },
      { startSecond: 4, seconds: 10, vus: 8, stage: 1 },
    ]);
  });
});
