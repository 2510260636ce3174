import { describe, expect, it } from 'vitest';
import type { TickLine } from '../runfolder/engine-lines.ts';
import { AbortRule } from './abort-rule.ts';

function tick(second: number, completed: number, failed: number): TickLine {
  return { type: 'tick', second, target: 100, inFlightMax: 0, inFlight: 0, connections: 1, vus: 0, scheduled: 100, sent: 100, dropped: 0, completed, failed, p95Us: 1000 };
}

/** run feeds (completed, failed) seconds to a 50 %/3 s rule and returns the second it trips at. */
function run(seconds: Array<[number, number]>): number | undefined {
  const rule = new AbortRule(0.5, 3);
  for (const [i, [completed, failed]] of seconds.entries()) {
    const decision = rule.add(tick(i, completed, failed));
    if (decision) return decision.second;
  }
  return undefined;
}

describe('AbortRule', () => {
  it.each<[string, Array<[number, number]>, number | undefined]>([
    ['trips on the third consecutive bad second', [[100, 0], [100, 60], [100, 70], [100, 90]], 3],
    ['resets the streak on a good second', [[100, 60], [100, 60], [100, 10], [100, 60], [100, 60]], undefined],
    ['needs more than the limit, not the limit itself', [[100, 50], [100, 50], [100, 50]], undefined],
    ['skips seconds too thin to judge without breaking the streak', [[100, 90], [0, 0], [2, 0], [100, 90], [100, 90]], 4],
    ['never trips on a healthy run', Array.from({ length: 60 }, () => [100, 1] as [number, number]), undefined],
  ])('%s', (_, seconds, expected) => {
    expect(run(seconds)).toBe(expected);
  });

  it('says why it stopped the run', () => {
    const rule = new AbortRule(0.5, 1);
    expect(rule.add(tick(7, 10, 9))?.reason).toBe('error rate above 50% for 1 s (abort rule; 90% at second 7)');
  });
});
