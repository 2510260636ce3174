import { describe, expect, it } from 'vitest';
import { qdrantFixtureJson } from '../testdata/helpers.ts';
import { parseQdrantCollection, parseQdrantCollectionNames } from './qdrant-collection.ts';

describe('Qdrant collection answers', () => {
  it('reads a collection status and points count', () => {
    expect(parseQdrantCollection(qdrantFixtureJson('collection.json'))).toEqual({ status: 'green', pointsCount: 1000 });
  });

  it('reads the names of the collections on a node', () => {
    expect(parseQdrantCollectionNames(qdrantFixtureJson('collections.json'))).toEqual(['bench']);
  });

  it('refuses answers without the fields', () => {
    expect(() => parseQdrantCollection({ result: { status: 'green' } })).toThrow(/no status or points_count/);
    expect(() => parseQdrantCollectionNames({ result: {} })).toThrow(/no collections list/);
  });
});
