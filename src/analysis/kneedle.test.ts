import { describe, expect, it } from 'vitest';
import { kneedle } from './kneedle.ts';

const range = (n: number, from = 0, step = 1): number[] => Array.from({ length: n }, (_, i) => from + i * step);

describe('kneedle', () => {
  it('finds the knee of the paper’s figure 2 curve, y = 5 − 1/(x + 0.1), at x ≈ 0.22', () => {
    const x = range(10, 0, 1 / 9);
    const y = x.map((v) => 5 - 1 / (v + 0.1));
    const knee = kneedle(x, y)!;
    expect(x[knee]).toBeCloseTo(0.222, 3);
  });

  it('finds the knee of the textbook concave increasing series 0, 60, 80, 85, … at x = 2', () => {
    expect(kneedle(range(10), [0, 60, 80, 85, 90, 95, 96, 97, 98, 99])).toBe(2);
  });

  it('finds where throughput stops following offered load: y = min(x, 500) has its knee at 500', () => {
    const offered = range(10, 100, 100);
    const knee = kneedle(offered, offered.map((o) => Math.min(o, 500)))!;
    expect(offered[knee]).toBe(500);
  });

  it('finds no knee on a straight line, where throughput keeps up with the load all the way', () => {
    const offered = range(10, 100, 100);
    expect(kneedle(offered, offered)).toBeNull();
  });

  it('finds no knee in a line with ±2 % noise', () => {
    const offered = range(12, 100, 100);
    const noisy = offered.map((o, i) => o * (i % 2 === 0 ? 1.02 : 0.98));
    expect(kneedle(offered, noisy)).toBeNull();
  });

  it('needs three points and a curve that moves', () => {
    expect(kneedle([1, 2], [1, 2])).toBeNull();
    expect(kneedle([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});
