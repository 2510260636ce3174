import { describe, expect, it } from 'vitest';
import type { TickLine } from '../runfolder/engine-lines.ts';
import { capacityOf, PROBE, probePlan } from './capacity.ts';

function tick(second: number, completed: number, failed = 0): TickLine {
  return { type: 'tick', second, target: PROBE.users, inFlightMax: 0, inFlight: 0, connections: PROBE.users, vus: PROBE.users, scheduled: completed, sent: completed, dropped: 0, completed, failed, p95Us: 1000 };
}

describe('the capacity probe', () => {
  it('is a closed-loop plan of the weighted mix over the collections the lab serves', () => {
    const plan = probePlan(['mixtral', 'hermes', 'not-in-the-mix']);
    expect(plan.model).toBe('closed');
    expect(plan.durationSeconds).toBe(PROBE.seconds);
    expect(plan.stages.map((s) => s.endTarget)).toEqual([PROBE.users]);
    expect(plan.mix.map((m) => m.collection)).toEqual(['mixtral', 'hermes']);
    expect(plan.mix.reduce((sum, m) => sum + m.share, 0)).toBeCloseTo(1, 9);
  });

  it('counts the median of ok answers per second, leaving out the settling seconds and the failures', () => {
    const warm = Array.from({ length: PROBE.settleSeconds }, (_, s) => tick(s, 5));
    const settled = [300, 340, 320, 900, 310, 330, 100, 325].map((ok, i) => tick(PROBE.settleSeconds + i, ok + 20, 20));
    // ok answers: 100 300 310 320 325 330 340 900: the median is (320 + 325) / 2.
    expect(capacityOf([...warm, ...settled])).toBe(322.5);
    expect(capacityOf([...warm, tick(PROBE.seconds, 10_000)])).toBe(0);
  });
});
