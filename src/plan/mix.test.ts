import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/paths.ts';
import { Mulberry32, SmoothWeightedRoundRobin, shares } from './mix.ts';

const vectors = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'vectors', 'mix-sequence.json'), 'utf8')) as {
  weights: number[];
  first: number[];
  mulberry32: { seed: number; first: number[] };
};

describe('SmoothWeightedRoundRobin', () => {
  it('gives each index exactly its weight in every cycle of sum(weights) picks', () => {
    const weights = [20, 15, 15, 10, 10, 10, 5, 10, 5];
    const picker = new SmoothWeightedRoundRobin(weights);
    for (let cycle = 0; cycle < 3; cycle++) {
      const counts = weights.map(() => 0);
      for (let i = 0; i < 100; i++) counts[picker.next()]!++;
      expect(counts).toEqual(weights);
    }
  });

  it('interleaves instead of sending a collection in bursts', () => {
    const picker = new SmoothWeightedRoundRobin([5, 1, 1]);
    expect(Array.from({ length: 7 }, () => picker.next())).toEqual([0, 0, 1, 0, 2, 0, 0]); // nginx's documented sequence a a b a c a a
  });

  it('follows the shared test vector the Go engine also checks', () => {
    const picker = new SmoothWeightedRoundRobin(vectors.weights);
    expect(vectors.first.map(() => picker.next())).toEqual(vectors.first);
  });

  it('rejects weights that are not positive', () => {
    expect(() => new SmoothWeightedRoundRobin([1, 0])).toThrow();
  });
});

describe('Mulberry32', () => {
  it('is repeatable from its seed and follows the shared vector', () => {
    const rng = new Mulberry32(vectors.mulberry32.seed);
    expect(vectors.mulberry32.first.map(() => rng.nextUint32())).toEqual(vectors.mulberry32.first);
  });

  it('spreads nextInt evenly', () => {
    const rng = new Mulberry32(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[rng.nextInt(4)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(9_500);
  });
});

describe('shares', () => {
  it('renormalises over the entries given', () => {
    expect(shares([20, 5])).toEqual([0.8, 0.2]);
  });
});
