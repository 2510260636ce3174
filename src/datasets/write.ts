import type { QueryPattern } from '../config/mix-schema.ts';
import { float32Bytes, ndjsonBytes, writeCollectionFile } from './files.ts';
import { COLLECTION_FILES, collectionDir, type CollectionManifest, type CollectionSource } from './manifest.ts';
import type { TruthInput } from './truth.ts';

/** CollectionContent is everything one collection's folder holds, in memory. */
export interface CollectionContent extends TruthInput {
  source: CollectionSource;
  pattern: QueryPattern;
  truth: number[][];
}

/** writeCollection writes a collection's files and returns its manifest entry (the caller merges it). */
export function writeCollection(dir: string, name: string, content: CollectionContent): CollectionManifest {
  const folder = collectionDir(dir, name);
  const queryLines = content.truth.map((truth, q) => {
    const filter = content.filters[q];
    return filter === undefined ? { truth } : { filter, truth };
  });
  return {
    source: content.source,
    pattern: content.pattern,
    vectorSize: content.dim,
    distance: content.distance,
    points: content.points.length / content.dim,
    queries: content.queries.length / content.dim,
    k: content.k,
    files: {
      [COLLECTION_FILES.vectors]: writeCollectionFile(folder, COLLECTION_FILES.vectors, float32Bytes(content.points)),
      [COLLECTION_FILES.payloads]: writeCollectionFile(folder, COLLECTION_FILES.payloads, ndjsonBytes(content.payloads)),
      [COLLECTION_FILES.queries]: writeCollectionFile(folder, COLLECTION_FILES.queries, float32Bytes(content.queries)),
      [COLLECTION_FILES.queryMeta]: writeCollectionFile(folder, COLLECTION_FILES.queryMeta, ndjsonBytes(queryLines)),
    },
  };
}
