import { describe, expect, it } from 'vitest';
import { HttpError } from '../http.ts';
import { parseCountRequest, parseQueryBatch, parseQueryRequest, parseSearchRequest, runSearch } from './query.ts';
import { Collection } from './store.ts';

function collection(distance: 'Cosine' | 'Euclid' = 'Cosine'): Collection {
  const c = new Collection('bench', { size: 2, distance, shardNumber: 1, replicationFactor: 1, writeConsistencyFactor: 1 });
  c.upsert(
    [
      { id: 1, vector: [1, 0], payload: { language: 'go', n: 1 } },
      { id: 2, vector: [0, 1], payload: { language: 'rust', n: 2 } },
      { id: 3, vector: [1, 1], payload: {} },
      { id: 'a1b2c3d4-0000-4000-8000-000000000000', vector: [-1, 0], payload: { language: 'go', n: 4 } },
    ],
    7,
  );
  return c;
}

function failure(action: () => unknown): { status: number; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('parseQueryRequest and runSearch', () => {
  it('ranks by cosine similarity with Qdrant ScoredPoint fields', () => {
    const c = collection();
    const points = runSearch(c, parseQueryRequest({ query: [1, 0.1], limit: 2 }, c));
    expect(points.map((p) => p.id)).toEqual([1, 3]);
    expect(points[0]).toEqual({ id: 1, version: 7, score: expect.closeTo(0.995037, 5) as number });
  });

  it('defaults limit to 10 and accepts params.hnsw_ef and params.exact (always exact)', () => {
    const c = collection();
    expect(runSearch(c, parseQueryRequest({ query: [1, 0], params: { hnsw_ef: 128, exact: false } }, c))).toHaveLength(4);
    expect(runSearch(c, parseQueryRequest({ query: { nearest: [1, 0] }, limit: 1 }, c))[0]!.id).toBe(1);
  });

  it('honours filter, with_payload selectors, offset and score_threshold', () => {
    const c = collection();
    const filtered = runSearch(c, parseQueryRequest({ query: [1, 0], filter: { must: [{ key: 'language', match: { value: 'go' } }] }, with_payload: true }, c));
    expect(filtered.map((p) => p.id)).toEqual([1, 'a1b2c3d4-0000-4000-8000-000000000000']);
    expect(filtered[0]!.payload).toEqual({ language: 'go', n: 1 });
    expect(runSearch(c, parseQueryRequest({ query: [1, 0], limit: 1, with_payload: ['n'] }, c))[0]!.payload).toEqual({ n: 1 });
    expect(runSearch(c, parseQueryRequest({ query: [1, 0], limit: 1, with_payload: { exclude: ['n'] } }, c))[0]!.payload).toEqual({ language: 'go' });
    expect(runSearch(c, parseQueryRequest({ query: [1, 0], limit: 2, offset: 1 }, c)).map((p) => p.id)).toEqual([3, 2]);
    expect(runSearch(c, parseQueryRequest({ query: [1, 0], score_threshold: 0.5 }, c)).map((p) => p.id)).toEqual([1, 3]);
  });

  it('keeps the smallest distances under score_threshold for Euclid', () => {
    const c = collection('Euclid');
    expect(runSearch(c, parseQueryRequest({ query: [1, 0], score_threshold: 1.01 }, c)).map((p) => p.id)).toEqual([1, 3]);
  });

  // Messages and statuses as in ../shared/fixtures/qdrant-1.19.0 and as a real 1.19 server answered.
  it('refuses a vector of the wrong size as Qdrant does', () => {
    const c = collection();
    expect(failure(() => parseQueryRequest({ query: [1, 2, 3] }, c))).toEqual({ status: 400, message: 'Wrong input: Vector dimension error: expected dim: 2, got 3' });
  });

  it('refuses limit 0 with a 422 validation error and a string limit with a 400 format error', () => {
    const c = collection();
    expect(failure(() => parseQueryRequest({ query: [1, 0], limit: 0 }, c))).toEqual({ status: 422, message: 'Validation error in JSON body: [internal.limit: value 0 invalid, must be 1 or larger]' });
    expect(failure(() => parseQueryRequest({ query: [1, 0], limit: 'x' }, c))).toMatchObject({ status: 400, message: expect.stringMatching(/^Format error in JSON body: invalid type: string "x", expected usize/) as string });
  });

  it('needs `vector` on the legacy search API, and takes `top` as an alias of limit', () => {
    const c = collection();
    expect(failure(() => parseSearchRequest({ query: [1, 0], limit: 1 }, c))).toEqual({ status: 400, message: 'Format error in JSON body: missing field `vector`' });
    expect(runSearch(c, parseSearchRequest({ vector: [0, 1], top: 1 }, c)).map((p) => p.id)).toEqual([2]);
  });

  it('parses a query batch', () => {
    const c = collection();
    const batch = parseQueryBatch({ searches: [{ query: [1, 0], limit: 1 }, { query: [0, 1], limit: 2 }] }, c);
    expect(batch.map((request) => runSearch(c, request).map((p) => p.id))).toEqual([[1], [2, 3]]);
  });

  it('refuses what the stand-in cannot answer instead of answering it wrongly', () => {
    const c = collection();
    expect(failure(() => parseQueryRequest({ limit: 3 }, c)).status).toBe(400);
    expect(failure(() => parseQueryRequest({ query: { recommend: { positive: [1] } } }, c)).message).toMatch(/plain vector queries/);
    expect(failure(() => parseQueryRequest({ query: [1, 0], prefetch: [{ query: [1, 0] }] }, c)).message).toMatch(/prefetch/);
  });
});

describe('parseCountRequest', () => {
  it('counts with and without a filter', () => {
    const c = collection();
    expect(c.countMatching(parseCountRequest({ exact: true }))).toBe(4);
    expect(c.countMatching(parseCountRequest({ filter: { must_not: [{ key: 'language', match: { any: ['go'] } }] } }))).toBe(2);
  });
});
