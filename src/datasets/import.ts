// Import of a real dataset (an ANN benchmark's .fvecs/.ivecs, or NumPy .npy arrays) into the same
// layout as generated data, so the lab, the seeder and recall measurement treat both alike.

import { extname } from 'node:path';
import type { Distance, QueryPattern } from '../config/mix-schema.ts';
import { displayPath } from '../config/paths.ts';
import { readFvecs, readIvecs, type Matrix } from './fvecs.ts';
import { GROUND_TRUTH_K, updateManifest, type CollectionManifest } from './manifest.ts';
import { readNpyFloat32, readNpyIds } from './npy.ts';
import { makePayloads, makeQueryFilters } from './payloads.ts';
import { groundTruth } from './truth.ts';
import { writeCollection } from './write.ts';

export interface ImportOptions {
  dir: string;
  collection: string;
  /** Base vectors: .fvecs or .npy (float32). */
  vectors: string;
  /** Query vectors: .fvecs or .npy. Without it, the last `holdout` base vectors become the queries. */
  queries?: string;
  /** Exact neighbour ids per query: .ivecs or .npy (int32/int64). Used only where it still holds. */
  truth?: string;
  /** Import only the first `limit` base vectors. */
  limit?: number;
  /** Queries to keep (default 200). */
  maxQueries?: number;
  distance: Distance;
  pattern: QueryPattern;
  /** Seed of the synthetic payloads (real datasets rarely come with any). */
  seed: number;
  /** The vector size the mix expects for this collection, if it is in the mix. */
  expectedDim?: number;
}

export interface ImportResult {
  entry: CollectionManifest;
  /** Why the ground truth file was or was not used. */
  truthNote: string;
}

const DEFAULT_MAX_QUERIES = 200;

function readVectors(file: string, limit?: number): Matrix<Float32Array> {
  switch (extname(file).toLowerCase()) {
    case '.fvecs':
      return readFvecs(file, limit);
    case '.npy':
      return readNpyFloat32(file, limit);
    default:
      throw new Error(`${displayPath(file)}: unknown vector file type "${extname(file)}"; expected .fvecs or .npy (float32)`);
  }
}

function readIds(file: string): Matrix<Int32Array> {
  switch (extname(file).toLowerCase()) {
    case '.ivecs':
      return readIvecs(file);
    case '.npy':
      return readNpyIds(file);
    default:
      throw new Error(`${displayPath(file)}: unknown ground-truth file type "${extname(file)}"; expected .ivecs or .npy (int32/int64)`);
  }
}

export function importDataset(options: ImportOptions): ImportResult {
  const maxQueries = options.maxQueries ?? DEFAULT_MAX_QUERIES;
  const holdout = options.queries === undefined ? maxQueries : 0;
  // Holding out queries reads `holdout` extra rows so the points still number `limit`.
  const base = readVectors(options.vectors, options.limit === undefined ? undefined : options.limit + holdout);
  if (options.expectedDim !== undefined && base.dim !== options.expectedDim) {
    throw new Error(`${displayPath(options.vectors)}: vectors have dimension ${base.dim}, but the mix gives collection "${options.collection}" vectorSize ${options.expectedDim}`);
  }
  if (base.rows <= holdout) throw new Error(`${displayPath(options.vectors)}: ${base.rows} vectors are too few to hold out ${holdout} as queries; pass --queries <file>`);
  const pointRows = base.rows - holdout;
  const points = base.data.subarray(0, pointRows * base.dim);
  let queries: Float32Array;
  if (options.queries === undefined) {
    queries = base.data.subarray(pointRows * base.dim);
  } else {
    const read = readVectors(options.queries, maxQueries);
    if (read.dim !== base.dim) throw new Error(`${displayPath(options.queries)}: queries have dimension ${read.dim}, the vectors ${base.dim}`);
    queries = read.data;
  }
  const queryRows = queries.length / base.dim;

  const payloads = makePayloads(options.pattern, pointRows, options.seed);
  const filters = makeQueryFilters(options.pattern, queryRows, options.seed ^ 0x9e3779b9);
  const { truth, truthFrom, truthNote } = chooseTruth(options, { complete: holdout === 0 && options.limit === undefined, filtered: filters.some((f) => f !== undefined), queryRows }, () =>
    groundTruth({ distance: options.distance, dim: base.dim, points, payloads, queries, filters, k: GROUND_TRUTH_K }),
  );

  const entry = writeCollection(options.dir, options.collection, {
    source: {
      kind: 'imported',
      vectors: options.vectors,
      ...(options.queries ? { queries: options.queries } : {}),
      ...(options.truth ? { truth: options.truth } : {}),
      truthFrom,
    },
    pattern: options.pattern,
    distance: options.distance,
    dim: base.dim,
    points,
    payloads,
    queries,
    filters,
    truth,
    k: GROUND_TRUTH_K,
  });
  updateManifest(options.dir, { [options.collection]: entry });
  return { entry, truthNote };
}

/**
 * chooseTruth uses the given ground truth only where it still describes the data: all base vectors
 * imported, the queries given as a file, and no payload filter. Otherwise it computes it exactly.
 */
function chooseTruth(
  options: ImportOptions,
  shape: { complete: boolean; filtered: boolean; queryRows: number },
  compute: () => number[][],
): { truth: number[][]; truthFrom: 'file' | 'computed'; truthNote: string } {
  if (options.truth === undefined) return { truth: compute(), truthFrom: 'computed', truthNote: 'ground truth computed exactly (no truth file given)' };
  const reason = !shape.complete ? 'only part of the base vectors was imported' : shape.filtered ? 'the queries carry payload filters' : undefined;
  if (reason) return { truth: compute(), truthFrom: 'computed', truthNote: `ground truth computed exactly: ${displayPath(options.truth)} was not used because ${reason}` };
  const ids = readIds(options.truth);
  if (ids.rows < shape.queryRows) throw new Error(`${displayPath(options.truth)}: ${ids.rows} rows of neighbours for ${shape.queryRows} queries`);
  if (ids.dim < GROUND_TRUTH_K) throw new Error(`${displayPath(options.truth)}: ${ids.dim} neighbours per query, at least ${GROUND_TRUTH_K} needed`);
  const truth = Array.from({ length: shape.queryRows }, (_, q) => Array.from(ids.data.subarray(q * ids.dim, q * ids.dim + GROUND_TRUTH_K)));
  return { truth, truthFrom: 'file', truthNote: `ground truth read from ${displayPath(options.truth)}` };
}
