import { describe, expect, it } from 'vitest';
import { DISTANCES, type Distance } from '../config/mix-schema.ts';
import { Mulberry32 } from '../plan/mix.ts';
import { exactSearch, prepareQuery, prepareRows, score, TopK } from './similarity.ts';

describe('score', () => {
  // Worked examples: query (1, 0) against row (3, 4).
  const rows: Array<[Distance, number]> = [
    ['Cosine', 0.6], // (1,0)·(0.6,0.8) after normalising both
    ['Dot', 3],
    ['Euclid', Math.sqrt(4 + 16)],
    ['Manhattan', 2 + 4],
  ];
  for (const [distance, expected] of rows) {
    it(`computes ${distance} as Qdrant does`, () => {
      const data = prepareRows(distance, new Float32Array([3, 4]), 2);
      expect(score(distance, prepareQuery(distance, [1, 0]), data, 0)).toBeCloseTo(expected, 6);
    });
  }

  it('leaves the input rows alone when normalising for Cosine', () => {
    const rows = new Float32Array([3, 4]);
    prepareRows('Cosine', rows, 2);
    expect(Array.from(rows)).toEqual([3, 4]);
  });
});

describe('TopK', () => {
  it('keeps the best k, best first, for similarities', () => {
    const top = new TopK(2, true);
    [0.1, 0.9, 0.5, 0.7].forEach((s, i) => top.offer(i, s));
    expect(top.results()).toEqual([{ index: 1, score: 0.9 }, { index: 3, score: 0.7 }]);
  });

  it('keeps the smallest for distances', () => {
    const top = new TopK(2, false);
    [3, 1, 2, 0.5].forEach((s, i) => top.offer(i, s));
    expect(top.results()).toEqual([{ index: 3, score: 0.5 }, { index: 1, score: 1 }]);
  });

  it('prefers the row offered first among equal scores', () => {
    const top = new TopK(2, true);
    [1, 1, 1].forEach((s, i) => top.offer(i, s));
    expect(top.results().map((r) => r.index)).toEqual([0, 1]);
  });

  it('returns fewer than k when fewer were offered', () => {
    const top = new TopK(5, true);
    top.offer(4, 0.2);
    expect(top.results()).toEqual([{ index: 4, score: 0.2 }]);
  });
});

describe('exactSearch', () => {
  // Oracle: score every row, sort all of them, take the first k.
  function bruteForce(distance: Distance, data: Float32Array, query: Float32Array, k: number, accept: (i: number) => boolean): number[] {
    const dim = query.length;
    const all = Array.from({ length: data.length / dim }, (_, index) => ({ index, score: score(distance, query, data, index * dim) }))
      .filter((r) => accept(r.index))
      .sort((a, b) => (distance === 'Cosine' || distance === 'Dot' ? b.score - a.score : a.score - b.score) || a.index - b.index);
    return all.slice(0, k).map((r) => r.index);
  }

  for (const distance of DISTANCES) {
    it(`matches a full sort for ${distance}, with and without a filter`, () => {
      const rng = new Mulberry32(11);
      const dim = 16;
      const raw = Float32Array.from({ length: 300 * dim }, () => rng.nextFloat() - 0.5);
      const data = prepareRows(distance, raw, dim);
      for (let q = 0; q < 20; q++) {
        const query = prepareQuery(distance, Array.from({ length: dim }, () => rng.nextFloat() - 0.5));
        const even = (i: number): boolean => i % 2 === 0;
        expect(exactSearch({ distance, data, count: 300, query, k: 10 }).map((r) => r.index)).toEqual(bruteForce(distance, data, query, 10, () => true));
        expect(exactSearch({ distance, data, count: 300, query, k: 10, accept: even }).map((r) => r.index)).toEqual(bruteForce(distance, data, query, 10, even));
      }
    });
  }

  for (const distance of DISTANCES) {
    it(`pages with an offset and cuts at a score threshold for ${distance}, as a full sort does`, () => {
      const rng = new Mulberry32(23);
      const dim = 8;
      const raw = Float32Array.from({ length: 200 * dim }, () => rng.nextFloat() - 0.5);
      const data = prepareRows(distance, raw, dim);
      const better = (a: number, b: number): boolean => (distance === 'Cosine' || distance === 'Dot' ? a >= b : a <= b);
      for (let q = 0; q < 10; q++) {
        const query = prepareQuery(distance, Array.from({ length: dim }, () => rng.nextFloat() - 0.5));
        const odd = (i: number): boolean => i % 2 === 1;
        // Page 3 of 7 (rows 14..20 of the full order), filtered.
        expect(exactSearch({ distance, data, count: 200, query, k: 7, offset: 14, accept: odd }).map((r) => r.index)).toEqual(bruteForce(distance, data, query, 21, odd).slice(14));
        // The threshold is the 30th best score: exactly the first 30 rows (ties aside) pass it.
        const order = bruteForce(distance, data, query, 200, () => true);
        const threshold = score(distance, query, data, order[29]! * dim);
        const passing = exactSearch({ distance, data, count: 200, query, k: 200, threshold });
        expect(passing.every((r) => better(r.score, threshold))).toBe(true);
        expect(passing.map((r) => r.index)).toEqual(order.filter((i) => better(score(distance, query, data, i * dim), threshold)));
        expect(passing.length).toBeGreaterThanOrEqual(30);
      }
    });
  }

  it('returns nothing when the offset is past every match', () => {
    const data = new Float32Array([1, 0, 0, 1]);
    expect(exactSearch({ distance: 'Dot', data, count: 2, query: prepareQuery('Dot', [1, 0]), k: 3, offset: 2 })).toEqual([]);
  });

  it('scans only the first count rows', () => {
    const data = new Float32Array([1, 0, 0, 1, 1, 0]);
    const result = exactSearch({ distance: 'Dot', data, count: 2, query: prepareQuery('Dot', [1, 0]), k: 3 });
    expect(result.map((r) => r.index)).toEqual([0, 1]);
  });
});
