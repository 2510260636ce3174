import type { TargetApi } from '../../src/config/run-options.ts';
import type { PlanMixEntry, PlanQuery } from '../../src/plan/types.ts';
import type { BuiltRequest, ScenarioQuery } from './types.ts';

// Request builders per query pattern and API. Bodies follow Qdrant's REST API
// (as of v1.19, see test/contract/) and the lab gateway's API; they are serialised once, here, so the
// engine replays ready bytes and never builds JSON on its hot path.

/** QueryFields is what a pattern adds to the plain vector query: a payload filter, payloads in the response. */
interface QueryFields {
  filter?: { must: Array<{ key: string; match: { value: string } }> };
  with_payload: boolean;
}

/** patternFields applies the collection's query pattern to one query. */
export function patternFields(pattern: PlanMixEntry['pattern'], query: ScenarioQuery, options: PlanQuery): QueryFields {
  const fields: QueryFields = { with_payload: options.withPayload || pattern === 'general_search' };
  if (pattern === 'code_search' && query.filter) fields.filter = { must: [{ key: query.filter.key, match: { value: query.filter.value } }] };
  return fields;
}

function searchParams(options: PlanQuery): { params?: { hnsw_ef?: number; exact?: boolean } } {
  const params = { ...(options.hnswEf === undefined ? {} : { hnsw_ef: options.hnswEf }), ...(options.exact ? { exact: true } : {}) };
  return Object.keys(params).length > 0 ? { params } : {};
}

/**
 * vectorJson writes a float32 vector with 9 significant digits: exactly enough for every value to
 * parse back to the same float32, so the server searches the very vector the ground truth used.
 */
export function vectorJson(vector: ArrayLike<number>): string {
  const parts = new Array<string>(vector.length);
  for (let i = 0; i < vector.length; i++) parts[i] = Number(Math.fround(vector[i]!).toPrecision(9)).toString();
  return `[${parts.join(',')}]`;
}

/** queryBody is one Qdrant query request (universal query API). */
function queryBody(entry: PlanMixEntry, query: ScenarioQuery, options: PlanQuery): string {
  const rest = JSON.stringify({ limit: options.limit, ...patternFields(entry.pattern, query, options), ...searchParams(options) });
  return `{"query":${vectorJson(query.vector)},${rest.slice(1)}`;
}

/** buildQdrantRequest builds a query, legacy search, or (batch > 1) query-batch request. */
export function buildQdrantRequest(api: Exclude<TargetApi, 'gateway'>, entry: PlanMixEntry, queries: readonly ScenarioQuery[], options: PlanQuery): BuiltRequest {
  const base = `/collections/${encodeURIComponent(entry.collection)}/points`;
  if (queries.length > 1) {
    const searches = queries.map((q) => queryBody(entry, q, options)).join(',');
    return { request: { method: 'POST', path: `${base}/query/batch`, body: `{"searches":[${searches}]}` }, check: 'batch' };
  }
  const query = queries[0]!;
  if (api === 'search') {
    const rest = JSON.stringify({ limit: options.limit, ...patternFields(entry.pattern, query, options), ...searchParams(options) });
    return { request: { method: 'POST', path: `${base}/search`, body: `{"vector":${vectorJson(query.vector)},${rest.slice(1)}`, ...truthOf(query, options) }, check: 'search' };
  }
  return { request: { method: 'POST', path: `${base}/query`, body: queryBody(entry, query, options), ...truthOf(query, options) }, check: 'query' };
}

/** buildGatewayRequest builds a search through the product's gateway API. */
export function buildGatewayRequest(entry: PlanMixEntry, query: ScenarioQuery, options: PlanQuery): BuiltRequest {
  const { filter, with_payload } = patternFields(entry.pattern, query, options);
  const rest = JSON.stringify({ collection: entry.collection, limit: options.limit, with_payload, ...(filter ? { filter } : {}) });
  return {
    request: { method: 'POST', path: '/api/v1/vectors/search', body: `{"vector":${vectorJson(query.vector)},${rest.slice(1)}`, ...truthOf(query, options) },
    check: 'gateway',
  };
}

/** truthOf carries the ground truth only where recall@k can be judged: k results asked for. */
function truthOf(query: ScenarioQuery, options: PlanQuery): { truth?: Array<number | string> } {
  if (!query.truth || query.truth.length === 0 || options.limit < query.truth.length) return {};
  return { truth: [...query.truth] };
}
