import { describe, expect, it } from 'vitest';
import { HttpError } from '../http.ts';
import { compileFilter } from './filter.ts';

const points: Array<{ id: number; payload: Record<string, unknown> }> = [
  { id: 1, payload: { language: 'go', stars: 10, tags: ['web', 'cli'], meta: { owner: 'ann' } } },
  { id: 2, payload: { language: 'rust', stars: 50, tags: ['cli'], note: null } },
  { id: 3, payload: { language: 'python', stars: 5, title: 'fast vector search' } },
  { id: 4, payload: {} },
];

function matching(filter: unknown): number[] {
  const predicate = compileFilter(filter);
  return points.filter((p) => (predicate ? predicate(p.payload, p.id) : true)).map((p) => p.id);
}

describe('compileFilter', () => {
  // Each row: a filter and the ids Qdrant's semantics select.
  const rows: Array<[string, unknown, number[]]> = [
    ['no filter', undefined, [1, 2, 3, 4]],
    ['match value', { must: [{ key: 'language', match: { value: 'go' } }] }, [1]],
    ['a single condition instead of a list', { must: { key: 'language', match: { value: 'rust' } } }, [2]],
    ['match any', { must: [{ key: 'language', match: { any: ['go', 'rust'] } }] }, [1, 2]],
    ['match except', { must: [{ key: 'language', match: { except: ['go'] } }] }, [2, 3]],
    ['array fields match if any element does', { must: [{ key: 'tags', match: { value: 'web' } }] }, [1]],
    ['match text', { must: [{ key: 'title', match: { text: 'vector' } }] }, [3]],
    ['range', { must: [{ key: 'stars', range: { gte: 10, lt: 50 } }] }, [1]],
    ['should is an or', { should: [{ key: 'language', match: { value: 'go' } }, { key: 'stars', range: { gt: 20 } }] }, [1, 2]],
    ['must_not', { must_not: [{ key: 'language', match: { value: 'go' } }] }, [2, 3, 4]],
    ['has_id', { must: [{ has_id: [2, 4] }] }, [2, 4]],
    ['is_empty', { must: [{ is_empty: { key: 'language' } }] }, [4]],
    ['is_null', { must: [{ is_null: { key: 'note' } }] }, [2]],
    ['dotted keys reach nested payload', { must: [{ key: 'meta.owner', match: { value: 'ann' } }] }, [1]],
    ['nested filter clauses', { must: [{ should: [{ has_id: [1] }, { has_id: [3] }] }], must_not: [{ has_id: [3] }] }, [1]],
    ['min_should', { min_should: { conditions: [{ has_id: [1] }, { key: 'tags', match: { value: 'cli' } }], min_count: 2 } }, [1]],
  ];
  for (const [name, filter, expected] of rows) {
    it(name, () => expect(matching(filter)).toEqual(expected));
  }

  it('refuses a condition it does not implement, naming it', () => {
    expect(() => compileFilter({ must: [{ key: 'location', geo_radius: { center: { lat: 0, lon: 0 }, radius: 1 } }] })).toThrow(HttpError);
    expect(() => compileFilter({ must: [{ key: 'location', geo_radius: {} }] })).toThrow(/filter\.must\[0\]: condition geo_radius on "location" is not supported/);
  });
});
