import { describe, expect, it } from 'vitest';
import { largestOf } from './largest.ts';

describe('largestOf', () => {
  it('is the largest value, negative ones included, or null for none', () => {
    expect(largestOf([3, -1, 7, 2])).toBe(7);
    expect(largestOf([-5, -2])).toBe(-2);
    expect(largestOf([])).toBeNull();
    expect(largestOf(new Map([[4, 'a'], [9, 'b']]).keys())).toBe(9);
  });

  it('takes a week of seconds, which a spread into Math.max cannot', () => {
    const week = Array.from({ length: 604_800 }, (_, second) => second);
    expect(() => Math.max(...week)).toThrow(RangeError);
    expect(largestOf(week)).toBe(604_799);
  });
});
