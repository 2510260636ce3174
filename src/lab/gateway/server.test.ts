import { describe, expect, it } from 'vitest';
import { HttpError } from '../http.ts';
import { cacheKey, parseSearchInput } from './server.ts';

describe('parseSearchInput', () => {
  it('reads the vectors route body, with defaults', () => {
    expect(parseSearchInput({ collection: 'imp', vector: [0.5, 1] })).toEqual({ collection: 'imp', vector: [0.5, 1], limit: 10, withPayload: false });
  });

  it('takes the collection from the models route path, and a Qdrant filter as is', () => {
    const filter = { must: [{ key: 'language', match: { value: 'go' } }] };
    expect(parseSearchInput({ vector: [1], limit: 3, filter, with_payload: true }, 'deepcoder')).toEqual({ collection: 'deepcoder', vector: [1], limit: 3, filter, withPayload: true });
  });

  // Each row: a bad body and the part of the 400's message that says what is wrong.
  const rows: Array<[unknown, RegExp]> = [
    [[1, 2], /the body must be a JSON object/],
    [{ vector: [1] }, /"collection" must be a non-empty string/],
    [{ collection: 'imp', vector: [] }, /"vector" must be a non-empty array of numbers/],
    [{ collection: 'imp', vector: [1, 'x'] }, /"vector" must be a non-empty array of numbers/],
    [{ collection: 'imp', vector: [1], limit: 0 }, /"limit" must be a whole number from 1 to 1000/],
    [{ collection: 'imp', vector: [1], filter: [] }, /"filter" must be a Qdrant filter object/],
    [{ collection: 'imp', vector: [1], with_payload: 'yes' }, /"with_payload" must be true or false/],
  ];
  for (const [body, message] of rows) {
    it(`refuses ${JSON.stringify(body)} with a 400`, () => {
      expect(() => parseSearchInput(body)).toThrow(HttpError);
      expect(() => parseSearchInput(body)).toThrow(message);
    });
  }
});

describe('cacheKey', () => {
  it('is the same for the same search on either route, and differs when anything that changes the answer does', () => {
    const base = parseSearchInput({ collection: 'imp', vector: [0.5, 1], limit: 10 });
    expect(cacheKey(parseSearchInput({ vector: [0.5, 1] }, 'imp'))).toBe(cacheKey(base));
    expect(cacheKey(base)).toMatch(/^vecstress:gateway:v1:[0-9a-f]{64}$/);
    const others = [
      { collection: 'phi3', vector: [0.5, 1] },
      { collection: 'imp', vector: [0.5, 1.5] },
      { collection: 'imp', vector: [0.5, 1], limit: 5 },
      { collection: 'imp', vector: [0.5, 1], with_payload: true },
      { collection: 'imp', vector: [0.5, 1], filter: { must: [] } },
    ];
    for (const other of others) expect(cacheKey(parseSearchInput(other))).not.toBe(cacheKey(base));
  });
});
