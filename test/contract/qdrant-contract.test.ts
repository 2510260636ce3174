// The contract vecstress depends on, checked against the lab's stand-in node and, when a binary is
// available, against a real Qdrant 1.19 node: the same requests, the same assertions. Where the
// stand-in differs from Qdrant on purpose, the assertion says so (see INTENDED below).
//
// Intended differences, not checked here:
// - capacity: the stand-in scans every point on one Node thread; Qdrant is far faster;
// - indexed_vectors_count, segments_count and the optimizer: the stand-in has no HNSW index;
// - `commit` in GET / reads "vecstress-lab-standin"; memory_* and process_* figures come from Node;
// - the stand-in refuses (400) queries it cannot answer exactly: no `query`, prefetch, recommend;
// - the stand-in runs no consensus: its first peer is always the leader.

import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/paths.ts';
import type { MixDefinition } from '../../src/config/mix-schema.ts';
import { generateDatasets } from '../../src/datasets/generate.ts';
import { loadQuerySet, type QuerySet } from '../../src/datasets/load.ts';
import { seedCollections } from '../../src/datasets/seed.ts';
import { HOW_TO_ENABLE_REAL_NODE, qdrantBinary, startQdrantNode, startStandinNode, type ContractNode } from './nodes.ts';

const mix: MixDefinition = {
  collections: {
    docs: { weight: 60, pattern: 'similarity_search', vectorSize: 64, distance: 'Cosine' },
    code: { weight: 40, pattern: 'code_search', vectorSize: 32, distance: 'Euclid' },
  },
};
const POINTS = 400;
const QUERY_ROUTE = 'POST /collections/{collection_name}/points/query';

const root = mkdtempSync(join(tmpdir(), 'vecstress-contract-'));
const datasetDir = join(root, 'datasets');
const binary = qdrantBinary();
const sets = new Map<string, QuerySet>();

beforeAll(() => {
  generateDatasets({ mix, dir: datasetDir, points: POINTS, queries: 10 });
  for (const name of Object.keys(mix.collections)) sets.set(name, loadQuerySet(name, { dir: datasetDir }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Reply {
  status: number;
  contentType: string;
  text: string;
  json: Record<string, any>;
}

async function call(url: string, method = 'GET', body?: unknown): Promise<Reply> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text) as Record<string, any>;
  } catch {
    // text bodies (health, metrics) stay text
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

function recall(ids: unknown[], truth: number[]): number {
  return ids.filter((id) => truth.includes(id as number)).length / truth.length;
}

function contract(kind: string, start: (dir: string) => Promise<ContractNode>): void {
  let node: ContractNode;
  let url: string;
  let searches = 0;

  beforeAll(async () => {
    node = await start(join(root, kind.replace(/\W+/g, '-')));
    url = node.url;
    await seedCollections({ url, dir: datasetDir, batchSize: 128 });
  });

  afterAll(async () => {
    await node?.stop();
  });

  it('answers GET / and the health endpoints as Qdrant', async () => {
    const rootDoc = await call(`${url}/`);
    expect(rootDoc.json).toMatchObject({ title: 'qdrant - vector search engine', version: '1.19.0', commit: expect.any(String) as string });
    for (const [path, text] of [['/healthz', 'healthz check passed'], ['/livez', 'healthz check passed'], ['/readyz', 'all shards are ready']]) {
      const reply = await call(`${url}${path}`);
      expect([reply.status, reply.text, reply.contentType]).toEqual([200, text, 'text/plain; charset=utf-8']);
    }
  });

  it('describes collections: the list, each one, and its shards', async () => {
    expect((await call(`${url}/collections`)).json.result.collections.map((c: { name: string }) => c.name).sort()).toEqual(['code', 'docs']);
    const info = await call(`${url}/collections/code`);
    expect(info.json).toMatchObject({ status: 'ok', time: expect.any(Number) as number });
    expect(info.json.result).toMatchObject({
      status: 'green',
      optimizer_status: 'ok',
      points_count: POINTS,
      config: { params: { vectors: { size: 32, distance: 'Euclid' }, shard_number: expect.any(Number) as number, replication_factor: expect.any(Number) as number } },
      payload_schema: { language: { data_type: 'keyword' } },
    });
    const shards = (await call(`${url}/collections/docs/cluster`)).json.result;
    expect(shards).toMatchObject({ peer_id: expect.any(Number) as number, shard_count: expect.any(Number) as number, remote_shards: expect.any(Array) as unknown[], shard_transfers: [] });
    expect(shards.local_shards[0]).toMatchObject({ shard_id: expect.any(Number) as number, points_count: expect.any(Number) as number, state: 'Active' });
    expect((await call(`${url}/collections/docs/points/count`, 'POST', { exact: true })).json.result).toEqual({ count: POINTS });
  });

  it('answers the query API with scored points, the exact top-10 and the server time', async () => {
    for (const [name, set] of sets) {
      for (const q of set.queries.slice(0, 5)) {
        const body = { query: q.vector, limit: 10, params: { hnsw_ef: 128, exact: true }, ...(q.filter ? { filter: { must: [{ key: q.filter.key, match: { value: q.filter.value } }] } } : {}) };
        const reply = await call(`${url}/collections/${name}/points/query`, 'POST', body);
        searches++;
        expect(reply.status).toBe(200);
        expect(reply.json).toMatchObject({ status: 'ok', time: expect.any(Number) as number });
        expect(reply.json.time).toBeGreaterThan(0);
        const points = reply.json.result.points as Array<Record<string, unknown>>;
        expect(Object.keys(points[0]!).sort()).toEqual(['id', 'score', 'version']);
        // Exact up to float32 rounding, which may swap two points with equal scores at the edge.
        expect(recall(points.map((p) => p.id), q.truth)).toBeGreaterThanOrEqual(0.9);
      }
    }
  });

  it('returns payloads on request and honours a keyword filter', async () => {
    const q = sets.get('code')!.queries[0]!;
    const reply = await call(`${url}/collections/code/points/query`, 'POST', { query: q.vector, limit: 10, with_payload: true, filter: { must: [{ key: 'language', match: { value: q.filter!.value } }] } });
    searches++;
    const points = reply.json.result.points as Array<{ payload: Record<string, unknown> }>;
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) expect(point.payload.language).toBe(q.filter!.value);
  });

  it('answers the legacy search API and query batches in their shapes', async () => {
    const [a, b] = sets.get('docs')!.queries as [QuerySet['queries'][number], QuerySet['queries'][number]];
    const search = await call(`${url}/collections/docs/points/search`, 'POST', { vector: a.vector, limit: 10 });
    expect(Array.isArray(search.json.result)).toBe(true);
    expect(recall(search.json.result.map((p: { id: number }) => p.id), a.truth)).toBeGreaterThanOrEqual(0.9);
    const batch = await call(`${url}/collections/docs/points/query/batch`, 'POST', { searches: [{ query: a.vector, limit: 10 }, { query: b.vector, limit: 10 }] });
    expect(batch.json.result).toHaveLength(2);
    expect(recall(batch.json.result[1].points.map((p: { id: number }) => p.id), b.truth)).toBeGreaterThanOrEqual(0.9);
  });

  it('gives bad requests the statuses and error bodies Qdrant gives', async () => {
    const query = `${url}/collections/docs/points/query`;
    const wrongSize = await call(query, 'POST', { query: [0.1, 0.2], limit: 3 });
    expect([wrongSize.status, wrongSize.contentType]).toEqual([400, 'application/json']);
    expect(wrongSize.json).toEqual({ status: { error: 'Wrong input: Vector dimension error: expected dim: 64, got 2' }, time: expect.any(Number) as number });
    const unknown = await call(`${url}/collections/no_such_collection/points/query`, 'POST', { query: [0.1], limit: 3 });
    expect([unknown.status, unknown.json.status.error]).toEqual([404, 'Not found: Collection `no_such_collection` doesn\'t exist!']);
    const malformed = await call(query, 'POST', '{"query": [0.1, 0.2,, "limit": 5');
    expect(malformed.status).toBe(400);
    expect(malformed.json.status.error).toMatch(/^Format error in JSON body: /);
    const noVector = await call(`${url}/collections/docs/points/search`, 'POST', { query: [0.1], limit: 3 });
    expect(noVector.status).toBe(400);
    expect(noVector.json.status.error).toMatch(/^Format error in JSON body: missing field `vector`/);
    const zero = await call(query, 'POST', { query: sets.get('docs')!.queries[0]!.vector, limit: 0 });
    expect([zero.status, zero.json.status.error]).toEqual([422, 'Validation error in JSON body: [internal.limit: value 0 invalid, must be 1 or larger]']);
    // A body declared over max_request_size_mb (32 MiB) is refused from its Content-Length alone.
    const declared = 40 * 1024 * 1024;
    const oversized = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(query, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': declared } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write('{"query": [');
    });
    expect(oversized.status).toBe(400);
    expect(JSON.parse(oversized.body).status.error).toBe(`JSON payload (${declared} bytes) is larger than allowed (limit: 33554432 bytes).`);
  });

  it('counts requests in /telemetry the way the samplers read them', async () => {
    const basic = (await call(`${url}/telemetry`)).json.result;
    expect(Object.keys(basic)).toEqual(expect.arrayContaining(['id', 'app', 'collections', 'cluster', 'requests']));
    expect(basic.app).toMatchObject({ name: 'qdrant', version: '1.19.0' });
    expect(basic.collections.number_of_collections).toBe(2);
    const stat = basic.requests.rest.responses[QUERY_ROUTE]['200'];
    expect(stat.count).toBeGreaterThanOrEqual(searches);
    expect(stat.avg_duration_micros).toBeGreaterThan(0);
    const detailed = (await call(`${url}/telemetry?details_level=1`)).json.result;
    expect(detailed.requests.rest.responses[QUERY_ROUTE]['200']).toMatchObject({
      count: expect.any(Number) as number,
      min_duration_micros: expect.any(Number) as number,
      max_duration_micros: expect.any(Number) as number,
      total_duration_micros: expect.any(Number) as number,
      last_responded: expect.any(String) as string,
    });
    expect(detailed.requests.rest.responses[QUERY_ROUTE]['400'].count).toBeGreaterThanOrEqual(1);
    expect(detailed.memory.resident_bytes).toBeGreaterThan(0);
    expect(detailed.cluster).toMatchObject({ enabled: true, status: { number_of_peers: 1, role: 'Leader', pending_operations: 0, peer_id: expect.any(Number) as number } });
  });

  it('exposes /metrics with the names and labels the samplers read', async () => {
    const metrics = await call(`${url}/metrics`);
    expect(metrics.contentType).toBe('text/plain; charset=utf-8');
    // Label order is not part of the exposition format (prom-client writes `le` first, Qdrant last).
    const samples = metrics.text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => {
      const [, name, labels = '', value] = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return { name, labels: Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]])), value: Number(value) };
    });
    const value = (name: string, labels: Record<string, string> = {}): number =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? NaN;
    expect(value('app_info', { name: 'qdrant', version: '1.19.0' })).toBe(1);
    expect(value('collections_total')).toBe(2);
    expect(value('collection_points', { id: 'docs' })).toBe(POINTS);
    const query = { method: 'POST', endpoint: '/collections/{collection_name}/points/query' };
    const ok = value('rest_responses_total', { ...query, status: '200' });
    expect(ok).toBeGreaterThanOrEqual(searches);
    expect(value('rest_responses_total', { ...query, status: '400' })).toBeGreaterThanOrEqual(1);
    expect(value('rest_responses_duration_seconds_bucket', { ...query, status: '200', le: '+Inf' })).toBe(ok);
    expect(value('rest_responses_duration_seconds_count', { ...query, status: '200' })).toBe(ok);
    expect(value('rest_responses_duration_seconds_sum', { ...query, status: '200' })).toBeGreaterThan(0);
    for (const name of ['memory_resident_bytes', 'process_threads', 'process_open_fds']) expect(value(name), name).toBeGreaterThan(0);
    expect(value('cluster_enabled')).toBe(1);
    expect(value('cluster_peers_total')).toBe(1);
    // Only point and index endpoints are reported, as Qdrant's whitelist does.
    expect(samples.filter((s) => s.name === 'rest_responses_total' && s.labels.method === 'GET')).toEqual([]);
  });

  it('describes the cluster on GET /cluster', async () => {
    const cluster = (await call(`${url}/cluster`)).json.result;
    expect(cluster).toMatchObject({
      status: 'enabled',
      peer_id: expect.any(Number) as number,
      raft_info: { term: expect.any(Number) as number, commit: expect.any(Number) as number, pending_operations: 0, leader: cluster.peer_id, role: 'Leader', is_voter: true },
      consensus_thread_status: { consensus_thread_status: 'working' },
    });
    expect(cluster.peers[String(cluster.peer_id)].uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
}

describe('the Qdrant contract: the lab stand-in node', () => contract('stand-in', startStandinNode));

if (!binary) console.log(`contract tests against a real Qdrant node skipped: ${HOW_TO_ENABLE_REAL_NODE}`);
describe.skipIf(!binary)('the Qdrant contract: a real Qdrant node', () =>
  contract('real', (dir) => startQdrantNode(binary!, dir, join(PROJECT_ROOT, '.cache', 'qdrant'))),
);
