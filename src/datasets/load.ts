import { join } from 'node:path';
import { DEFAULT_DATASETS_DIR, displayPath } from '../config/paths.ts';
import { readFloat32Matrix, readNdjson } from './files.ts';
import { COLLECTION_FILES, collectionDir, DatasetMissingError, filesPresent, readManifest, type CollectionManifest } from './manifest.ts';
import type { Payload, QueryFilter } from './payloads.ts';

/** QuerySet is one collection's query vectors with their filters and exact top-k ids (k = 10). */
export interface QuerySet {
  collection: string;
  k: number;
  queries: Array<{ vector: number[]; filter?: QueryFilter; truth: number[] }>;
}

/** CollectionData is a collection's points as the lab's nodes and the seeder read them. */
export interface CollectionData {
  name: string;
  manifest: CollectionManifest;
  /** Raw vectors, row i being point id i. */
  vectors: Float32Array;
  payloads: Payload[];
}

interface QueryLine {
  filter?: QueryFilter;
  truth: number[];
}

/** collectionEntry returns a collection's manifest entry after checking that its files are all there. */
export function collectionEntry(dir: string, collection: string): CollectionManifest {
  const manifest = readManifest(dir);
  const entry = manifest.collections[collection];
  if (!entry) {
    const known = Object.keys(manifest.collections);
    throw new DatasetMissingError(`no dataset for collection "${collection}" in ${displayPath(dir)} (it has: ${known.join(', ') || 'none'})`);
  }
  if (!filesPresent(dir, collection, entry)) throw new DatasetMissingError(`the files of collection "${collection}" in ${displayPath(dir)} are missing or truncated`);
  return entry;
}

/** listCollections names the collections a dataset folder holds. */
export function listCollections(dir: string = DEFAULT_DATASETS_DIR): string[] {
  return Object.keys(readManifest(dir).collections);
}

/** openCollection finds a collection's folder and checked manifest entry. */
function openCollection(collection: string, options: { dir?: string }): { entry: CollectionManifest; folder: string } {
  const dir = options.dir ?? DEFAULT_DATASETS_DIR;
  return { entry: collectionEntry(dir, collection), folder: collectionDir(dir, collection) };
}

export function loadCollectionData(collection: string, options: { dir?: string } = {}): CollectionData {
  const { entry, folder } = openCollection(collection, options);
  const vectors = readFloat32Matrix(join(folder, COLLECTION_FILES.vectors), entry.points, entry.vectorSize);
  const payloads = readNdjson<Payload>(join(folder, COLLECTION_FILES.payloads));
  if (payloads.length !== entry.points) throw new Error(`${displayPath(join(folder, COLLECTION_FILES.payloads))}: ${payloads.length} payloads for ${entry.points} points`);
  return { name: collection, manifest: entry, vectors, payloads };
}

/**
 * loadQuerySet reads a collection's queries. Vector values are written with 9 significant digits:
 * enough to give back the exact float32 the truth was computed from, and half the JSON of a
 * double's 17 digits.
 */
export function loadQuerySet(collection: string, options: { dir?: string } = {}): QuerySet {
  const { entry, folder } = openCollection(collection, options);
  const vectors = readFloat32Matrix(join(folder, COLLECTION_FILES.queries), entry.queries, entry.vectorSize);
  const lines = readNdjson<QueryLine>(join(folder, COLLECTION_FILES.queryMeta));
  if (lines.length !== entry.queries) throw new Error(`${displayPath(join(folder, COLLECTION_FILES.queryMeta))}: ${lines.length} lines for ${entry.queries} queries`);
  return {
    collection,
    k: entry.k,
    queries: lines.map((line, q) => ({
      vector: Array.from(vectors.subarray(q * entry.vectorSize, (q + 1) * entry.vectorSize), (x) => Number(x.toPrecision(9))),
      ...(line.filter ? { filter: line.filter } : {}),
      truth: line.truth,
    })),
  };
}
