// The dataset folder's layout: one sub-folder per collection with binary float32 matrices, payloads
// and queries, and a manifest.json saying what each holds and how it was made. Nothing here is
// committed; `vecstress datasets generate` recreates it from the seed.

import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Distance, QueryPattern } from '../config/mix-schema.ts';
import { displayPath } from '../config/paths.ts';

export const DATASET_FORMAT_VERSION = 1;

/** GROUND_TRUTH_K is how many exact neighbours each query's truth lists. */
export const GROUND_TRUTH_K = 10;

/**
 * COLLECTION_FILES are the files of one collection's folder:
 * - vectors.f32: points × vectorSize float32, little-endian, row-major; point i has id i.
 * - payloads.ndjson: one JSON object per point, in id order.
 * - queries.f32: queries × vectorSize float32.
 * - queries.ndjson: one line per query: `{"filter"?: {"key","value"}, "truth": [ids]}`.
 */
export const COLLECTION_FILES = {
  vectors: 'vectors.f32',
  payloads: 'payloads.ndjson',
  queries: 'queries.f32',
  queryMeta: 'queries.ndjson',
} as const;

export type CollectionSource =
  | { kind: 'generated'; seed: number; clusters: number }
  | { kind: 'imported'; vectors: string; queries?: string; truth?: string; truthFrom: 'file' | 'computed' };

export interface FileEntry {
  bytes: number;
  sha256: string;
}

export interface CollectionManifest {
  source: CollectionSource;
  pattern: QueryPattern;
  vectorSize: number;
  distance: Distance;
  points: number;
  queries: number;
  /** Neighbours per query in the ground truth. */
  k: number;
  files: Record<string, FileEntry>;
}

export interface DatasetManifest {
  formatVersion: typeof DATASET_FORMAT_VERSION;
  collections: Record<string, CollectionManifest>;
}

export const MANIFEST_FILE = 'manifest.json';

/** DatasetMissingError says where the data should be and which command makes it. */
export class DatasetMissingError extends Error {
  constructor(what: string) {
    super(`${what}; run \`npm run setup\` or \`vecstress datasets generate\` to create the datasets`);
    this.name = 'DatasetMissingError';
  }
}

export function collectionDir(dir: string, collection: string): string {
  return join(dir, collection);
}

/** readManifest returns the folder's manifest, or an empty one when there is none yet. */
export function readManifestOrEmpty(dir: string): DatasetManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return { formatVersion: DATASET_FORMAT_VERSION, collections: {} };
  return readManifest(dir);
}

/** readManifest reads the folder's manifest and refuses one of another format version. */
export function readManifest(dir: string): DatasetManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new DatasetMissingError(`no dataset manifest at ${displayPath(file)}`);
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as DatasetManifest;
  } catch (error) {
    throw new Error(`${displayPath(file)}: not valid JSON (${(error as Error).message}); delete it and generate the datasets again`);
  }
  if (manifest.formatVersion !== DATASET_FORMAT_VERSION) {
    throw new Error(`${displayPath(file)}: formatVersion ${String(manifest.formatVersion)} is not ${DATASET_FORMAT_VERSION}; generate the datasets again`);
  }
  return manifest;
}

/**
 * updateManifest merges collection entries into the manifest on disk. It re-reads the file just
 * before writing and renames a complete temporary file into place, so two generators writing
 * different collections at once do not lose each other's entries or leave half a file.
 */
export function updateManifest(dir: string, entries: Record<string, CollectionManifest>): DatasetManifest {
  const current = readManifestOrEmpty(dir);
  const next: DatasetManifest = { formatVersion: DATASET_FORMAT_VERSION, collections: { ...current.collections, ...entries } };
  const file = join(dir, MANIFEST_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(temporary, file);
  return next;
}

/** filesPresent checks that every file of an entry exists with its recorded size (cheap; no checksums). */
export function filesPresent(dir: string, collection: string, entry: CollectionManifest): boolean {
  return Object.entries(entry.files).every(([name, { bytes }]) => {
    const file = join(collectionDir(dir, collection), name);
    return existsSync(file) && statSync(file).size === bytes;
  });
}
