import type { Distance } from '../config/mix-schema.ts';
import { matchesFilter, type Payload, type QueryFilter } from './payloads.ts';
import { exactSearch, prepareQuery, prepareRows } from './similarity.ts';

export interface TruthInput {
  distance: Distance;
  dim: number;
  /** Raw point vectors, row i being point id i. */
  points: Float32Array;
  payloads: readonly Payload[];
  queries: Float32Array;
  filters: ReadonlyArray<QueryFilter | undefined>;
  k: number;
}

/** groundTruth lists, for each query, the ids of its exact top-k points that pass its filter. */
export function groundTruth(input: TruthInput): number[][] {
  const data = prepareRows(input.distance, input.points, input.dim);
  const count = input.points.length / input.dim;
  const queryCount = input.queries.length / input.dim;
  return Array.from({ length: queryCount }, (_, q) => {
    const query = prepareQuery(input.distance, input.queries.subarray(q * input.dim, (q + 1) * input.dim));
    const filter = input.filters[q];
    const accept = filter === undefined ? undefined : (index: number): boolean => matchesFilter(input.payloads[index]!, filter);
    return exactSearch({ distance: input.distance, data, count, query, k: input.k, ...(accept ? { accept } : {}) }).map((r) => r.index);
  });
}
