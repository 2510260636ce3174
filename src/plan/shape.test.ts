import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/paths.ts';
import { arrivalsBy, intendedSecondOfHit, stageAt, targetAt, totalArrivals } from './shape.ts';
import type { PlanStage } from './types.ts';

function stage(index: number, startSecond: number, durationSeconds: number, startTarget: number, endTarget: number): PlanStage {
  return {
    index,
    name: `s${index}`,
    role: 'load',
    startSecond,
    durationSeconds,
    executor: startTarget === endTarget ? 'constant-arrival-rate' : 'ramping-arrival-rate',
    startTarget,
    endTarget,
    startConnections: startTarget,
    endConnections: endTarget,
  };
}

// A ramp 0 → 100 req/s over 10 s, a hold at 100 for 5 s, a jump to 400 for 2 s.
const stages = [stage(0, 0, 10, 0, 100), stage(1, 10, 5, 100, 100), stage(2, 15, 2, 400, 400)];

/** The oracle: integrate the rate numerically in small slices, independent of the closed form. */
function integrate(t: number): number {
  const dt = 1e-4;
  let sum = 0;
  for (let x = dt / 2; x < t; x += dt) sum += targetAt(stages, x) * dt;
  return sum;
}

describe('targetAt', () => {
  it.each([
    [0, 0], // start of the ramp
    [5, 50], // half-way up the ramp
    [9.99, 99.9],
    [10, 100], // the hold
    [14.5, 100],
    [15, 400], // the jump happens at the stage's start, not before
    [17, 400], // past the end: the last stage's end target
  ])('at %f s is %f', (t, expected) => {
    expect(targetAt(stages, t)).toBeCloseTo(expected, 6);
  });
});

describe('stageAt', () => {
  it('changes stage exactly at the boundary', () => {
    expect(stageAt(stages, 9.999).index).toBe(0);
    expect(stageAt(stages, 10).index).toBe(1);
    expect(stageAt(stages, 15).index).toBe(2);
  });
});

describe('arrivalsBy', () => {
  it.each([
    [5, 125], // ½ · 5 s · 50 req/s
    [10, 500], // the whole ramp: ½ · 10 · 100
    [12, 700], // ramp + 2 s at 100
    [15, 1000],
    [16, 1400],
    [17, 1800],
  ])('by %f s is %f (worked example)', (t, expected) => {
    expect(arrivalsBy(stages, t)).toBeCloseTo(expected, 9);
  });

  it('matches numeric integration of targetAt everywhere', () => {
    for (let t = 0; t <= 17; t += 0.37) expect(arrivalsBy(stages, t)).toBeCloseTo(integrate(t), 2);
  });

  it('counts whole requests over the plan', () => {
    expect(totalArrivals({ stages, durationSeconds: 17 })).toBe(1800);
  });
});

describe('intendedSecondOfHit', () => {
  it('inverts arrivalsBy: hit k is due when k + 1 arrivals are due', () => {
    for (const k of [0, 1, 10, 124, 499, 500, 999, 1000, 1399, 1799]) {
      const t = intendedSecondOfHit(stages, k)!;
      expect(arrivalsBy(stages, t)).toBeCloseTo(k + 1, 6);
    }
  });

  it('agrees with a bisection oracle', () => {
    for (let k = 0; k < 1800; k += 97) {
      let low = 0;
      let high = 17;
      for (let i = 0; i < 60; i++) {
        const mid = (low + high) / 2;
        if (arrivalsBy(stages, mid) < k + 1) low = mid;
        else high = mid;
      }
      expect(intendedSecondOfHit(stages, k)).toBeCloseTo(high, 6);
    }
  });

  it('spaces a constant rate evenly, as vegeta does: hit k at (k+1)/rate', () => {
    const hold = [stage(0, 0, 2, 4, 4)];
    expect([0, 1, 2, 7].map((k) => intendedSecondOfHit(hold, k))).toEqual([0.25, 0.5, 0.75, 2]);
  });

  it('is undefined past the end of the plan', () => {
    expect(intendedSecondOfHit(stages, 1800)).toBeUndefined();
  });
});

describe('the shared schedule vector (the Go pacer checks the same file)', () => {
  const vector = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'vectors', 'schedule.json'), 'utf8')) as {
    stages: PlanStage[];
    total: number;
    hits: Array<{ k: number; second: number | null }>;
  };

  it('matches intendedSecondOfHit and totalArrivals', () => {
    const end = vector.stages.at(-1)!;
    expect(totalArrivals({ stages: vector.stages, durationSeconds: end.startSecond + end.durationSeconds })).toBe(vector.total);
    for (const { k, second } of vector.hits) {
      if (second === null) expect(intendedSecondOfHit(vector.stages, k)).toBeUndefined();
      else expect(intendedSecondOfHit(vector.stages, k)).toBeCloseTo(second, 9);
    }
  });
});
