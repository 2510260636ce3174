// Search requests of the query API (POST .../points/query, .../points/query/batch) and of the legacy
// search API (POST .../points/search), parsed and validated the way Qdrant 1.19 answers them
// (../shared/fixtures/qdrant-1.19.0/), then run as an exact scan. `params.hnsw_ef` and
// `params.exact` are accepted: the stand-in is always exact.

import { prepareQuery } from '../../datasets/similarity.ts';
import { HttpError } from '../http.ts';
import { compileFilter, type Predicate } from './filter.ts';
import type { Collection } from './store.ts';

type Json = Record<string, unknown>;

/** PayloadSelector says which payload fields a response carries. */
type PayloadSelector = { kind: 'none' } | { kind: 'all' } | { kind: 'include'; fields: string[] } | { kind: 'exclude'; fields: string[] };

export interface SearchRequest {
  vector: Float32Array;
  limit: number;
  offset: number;
  filter: Predicate | undefined;
  threshold: number | undefined;
  payload: PayloadSelector;
  withVector: boolean;
}

export interface ScoredPointJson {
  id: number | string;
  version: number;
  score: number;
  payload?: Record<string, unknown>;
  vector?: number[];
}

const DEFAULT_LIMIT = 10;

function formatError(message: string): HttpError {
  return new HttpError(400, `Format error in JSON body: ${message}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function requireObject(body: unknown, what: string): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw formatError(`invalid type: ${describe(body)}, expected struct ${what}`);
  return body as Json;
}

function parseVector(value: unknown, collection: Collection, field: string): Float32Array {
  // The query API also takes {"nearest": [...]}, the explicit form of a plain vector query.
  const raw = typeof value === 'object' && value !== null && !Array.isArray(value) && 'nearest' in value ? (value as Json).nearest : value;
  if (!Array.isArray(raw)) {
    throw new HttpError(400, `Wrong input: the vecstress lab stand-in answers only plain vector queries; got ${describe(raw)} in "${field}"`);
  }
  if (!raw.every((x) => typeof x === 'number' && Number.isFinite(x))) throw formatError(`"${field}" must be an array of numbers`);
  if (raw.length !== collection.params.size) throw new HttpError(400, `Wrong input: Vector dimension error: expected dim: ${collection.params.size}, got ${raw.length}`);
  return prepareQuery(collection.params.distance, raw as number[]);
}

function parseCount(value: unknown, field: string, min: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw formatError(`invalid type: ${describe(value)}, expected usize`);
  if (value < min) throw new HttpError(422, `Validation error in JSON body: [internal.${field}: value ${value} invalid, must be ${min} or larger]`);
  return value;
}

function parsePayloadSelector(value: unknown): PayloadSelector {
  if (value === undefined || value === null || value === false) return { kind: 'none' };
  if (value === true) return { kind: 'all' };
  if (Array.isArray(value)) return { kind: 'include', fields: value.map(String) };
  if (typeof value === 'object') {
    const selector = value as Json;
    if (Array.isArray(selector.include)) return { kind: 'include', fields: selector.include.map(String) };
    if (Array.isArray(selector.exclude)) return { kind: 'exclude', fields: selector.exclude.map(String) };
  }
  throw formatError(`with_payload: data did not match any variant of untagged enum WithPayloadInterface`);
}

function parseThreshold(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw formatError(`invalid type: ${describe(value)}, expected f32`);
  return value;
}

function parseCommon(body: Json, vector: Float32Array, limit: number): SearchRequest {
  if (body.using !== undefined && body.using !== null && body.using !== '') {
    throw new HttpError(400, `Wrong input: Not existing vector name error: ${String(body.using)}`);
  }
  if (body.prefetch !== undefined && body.prefetch !== null) throw new HttpError(400, 'Wrong input: prefetch is not supported by the vecstress lab stand-in');
  return {
    vector,
    limit,
    offset: parseCount(body.offset, 'offset', 0, 0),
    filter: compileFilter(body.filter),
    threshold: parseThreshold(body.score_threshold),
    payload: parsePayloadSelector(body.with_payload),
    withVector: body.with_vector === true,
  };
}

/** parseQueryRequest reads one request of the universal query API. */
export function parseQueryRequest(body: unknown, collection: Collection): SearchRequest {
  const request = requireObject(body, 'QueryRequestInternal');
  if (request.query === undefined || request.query === null) {
    throw new HttpError(400, 'Wrong input: the vecstress lab stand-in needs a "query" vector (Qdrant would list points without one)');
  }
  return parseCommon(request, parseVector(request.query, collection, 'query'), parseCount(request.limit, 'limit', 1, DEFAULT_LIMIT));
}

/** parseSearchRequest reads a legacy search request: `vector` and `limit` (or its alias `top`) are required. */
export function parseSearchRequest(body: unknown, collection: Collection): SearchRequest {
  const request = requireObject(body, 'SearchRequestInternal');
  if (!('vector' in request)) throw formatError('missing field `vector`');
  const limit = request.limit ?? request.top;
  if (limit === undefined) throw formatError('missing field `limit`');
  return parseCommon(request, parseVector(request.vector, collection, 'vector'), parseCount(limit, 'limit', 1, DEFAULT_LIMIT));
}

/** parseQueryBatch reads {"searches": [QueryRequest...]}. */
export function parseQueryBatch(body: unknown, collection: Collection): SearchRequest[] {
  const request = requireObject(body, 'QueryRequestBatch');
  if (!Array.isArray(request.searches)) throw formatError('missing field `searches`');
  return request.searches.map((search) => parseQueryRequest(search, collection));
}

/** parseCountRequest reads {"exact"?, "filter"?} of POST .../points/count. */
export function parseCountRequest(body: unknown): Predicate | undefined {
  return compileFilter(requireObject(body, 'CountRequestInternal').filter);
}

function selectPayload(payload: Record<string, unknown>, selector: PayloadSelector): Record<string, unknown> {
  switch (selector.kind) {
    case 'include':
      return Object.fromEntries(selector.fields.filter((f) => f in payload).map((f) => [f, payload[f]]));
    case 'exclude':
      return Object.fromEntries(Object.entries(payload).filter(([f]) => !selector.fields.includes(f)));
    default:
      return payload;
  }
}

/** runSearch scans the collection and shapes Qdrant's ScoredPoint list. */
export function runSearch(collection: Collection, request: SearchRequest): ScoredPointJson[] {
  return collection.search(request.vector, request.limit, request.offset, request.filter, request.threshold).map(({ index, score }) => {
    const point: ScoredPointJson = { id: collection.idAt(index), version: collection.versionAt(index), score: Math.fround(score) };
    if (request.payload.kind !== 'none') point.payload = selectPayload(collection.payloadAt(index), request.payload);
    if (request.withVector) point.vector = collection.vectorAt(index);
    return point;
  });
}
