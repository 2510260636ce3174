import { targetAt } from '../../plan/shape.ts';
import type { Plan } from '../../plan/types.ts';

/** Segment is a stretch of a closed-model plan with a constant number of virtual users. */
export interface Segment {
  startSecond: number;
  seconds: number;
  vus: number;
  stage: number;
}

/**
 * closedSegments splits a closed-model plan into stretches of constant VUs: a constant stage is
 * one segment; a ramping stage becomes one segment per second at the VUs of that second's middle,
 * since an autocannon instance cannot change its connection count while it runs.
 */
export function closedSegments(plan: Pick<Plan, 'stages'>): Segment[] {
  const segments: Segment[] = [];
  for (const stage of plan.stages) {
    if (stage.startTarget === stage.endTarget) {
      segments.push({ startSecond: stage.startSecond, seconds: stage.durationSeconds, vus: stage.endTarget, stage: stage.index });
      continue;
    }
    for (let s = 0; s < stage.durationSeconds; s++) {
      const second = stage.startSecond + s;
      segments.push({ startSecond: second, seconds: 1, vus: Math.max(1, Math.round(targetAt(plan.stages, second + 0.5))), stage: stage.index });
    }
  }
  return segments;
}
