// Integration test of the whole lab: real stand-in node processes, real HAProxy, real redis-server
// and the gateway, on free loopback ports, with a small dataset so it starts in seconds.

import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import { loadMix } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import { generateDatasets } from '../datasets/generate.ts';
import { loadQuerySet, type QuerySet } from '../datasets/load.ts';
import { backendStatuses } from './haproxy-config.ts';
import { clearFaults, ensureLab, killNode, restartNode, setFault, sleepRedis, stopRunningLab, type LabHandle } from './index.ts';
import { pause } from './processes.ts';

const root = mkdtempSync(join(tmpdir(), 'vecstress-lab-'));
const stateDir = join(root, 'state');
const datasetDir = join(root, 'datasets');
const address = { stateDir };
/**
 * START_TIMEOUT_MS bounds each component's readiness wait; the hooks outlast the four waits in a
 * row (nodes, Redis, HAProxy, gateway), so a slow start fails as the lab's own error, with a log
 * tail, and never as a hook timeout that leaves the start running on.
 */
const START_TIMEOUT_MS = 30_000;
const HOOK_TIMEOUT_MS = 5 * START_TIMEOUT_MS;
let lab: LabHandle;
const sets = new Map<string, QuerySet>();
const patterns = new Map<string, string>();

beforeAll(async () => {
  const mix = loadMix(DEFAULT_MIX_FILE);
  generateDatasets({ mix, dir: datasetDir, points: 300, queries: 12 });
  for (const [name, c] of Object.entries(mix.collections)) {
    sets.set(name, loadQuerySet(name, { dir: datasetDir }));
    patterns.set(name, c.pattern);
  }
  lab = await ensureLab({ stateDir, datasetDir, maxInFlight: 4, checkIntervalMs: 200, startTimeoutMs: START_TIMEOUT_MS });
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  // By the state folder, not the handle: a start that failed or was cut short left no handle, but
  // its record says what to stop.
  await stopRunningLab({ stateDir });
  rmSync(root, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

async function post(url: string, body: unknown): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, ms: performance.now() - started };
}

function queryBody(collection: string, q: QuerySet['queries'][number]): Record<string, unknown> {
  return {
    query: q.vector,
    limit: 10,
    with_payload: patterns.get(collection) === 'general_search',
    ...(q.filter ? { filter: { must: [{ key: q.filter.key, match: { value: q.filter.value } }] } } : {}),
  };
}

function ids(answer: Answer): unknown[] {
  const result = answer.body.result as { points?: Array<{ id: unknown }> } | Array<{ id: unknown }>;
  return (Array.isArray(result) ? result : result.points ?? []).map((p) => p.id);
}

async function balancer(): Promise<Array<{ name: string; status: string }>> {
  return backendStatuses(await (await fetch(lab.endpoints.haproxyStats)).text());
}

/** redisBlocked resolves once the lab's Redis stops answering PING within 20 ms (DEBUG SLEEP has begun). */
async function redisBlocked(): Promise<void> {
  const probe = createClient({ url: lab.endpoints.redis });
  probe.on('error', () => undefined);
  await probe.connect();
  try {
    await until('Redis to be blocked', async () => !(await Promise.race([probe.ping().then(() => true, () => true), pause(20).then(() => false)])), 5000);
  } finally {
    probe.destroy();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

describe('the lab', () => {
  it('starts every component and records its processes', () => {
    expect(lab.startedHere).toBe(true);
    expect(lab.endpoints.nodes).toHaveLength(3);
    expect(lab.endpoints.haproxyStats).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/stats;csv$/);
    expect(lab.endpoints.redis).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.endpoints.processes.map((p) => p.name).sort()).toEqual(['gateway', 'haproxy', 'node0', 'node1', 'node2', 'redis']);
  });

  it('answers every collection through HAProxy with the exact top-10 of the ground truth, filters honoured', async () => {
    for (const [collection, set] of sets) {
      for (const q of set.queries.slice(0, 4)) {
        const answer = await post(`${lab.endpoints.balancer}/collections/${collection}/points/query`, queryBody(collection, q));
        expect(answer.status).toBe(200);
        expect(ids(answer)).toEqual(q.truth);
        expect(answer.body).toMatchObject({ status: 'ok', time: expect.any(Number) as number });
      }
    }
    const code = sets.get('deepcoder')!.queries[0]!;
    const filtered = await post(`${lab.endpoints.balancer}/collections/deepcoder/points/query`, { ...queryBody('deepcoder', code), with_payload: true });
    const payloads = (filtered.body.result as { points: Array<{ payload: Record<string, unknown> }> }).points.map((p) => p.payload.language);
    expect(new Set(payloads)).toEqual(new Set([code.filter!.value]));
    const general = await post(`${lab.endpoints.balancer}/collections/general/points/query`, queryBody('general', sets.get('general')!.queries[0]!));
    expect((general.body.result as { points: Array<{ payload: { text: string } }> }).points[0]!.payload.text.length).toBeGreaterThan(20);
  });

  it('serves the legacy search API and query batches', async () => {
    const [a, b] = sets.get('phi3')!.queries as [QuerySet['queries'][number], QuerySet['queries'][number]];
    expect(ids(await post(`${lab.endpoints.balancer}/collections/phi3/points/search`, { vector: a.vector, limit: 10 }))).toEqual(a.truth);
    const batch = await post(`${lab.endpoints.balancer}/collections/phi3/points/query/batch`, { searches: [{ query: a.vector, limit: 10 }, { query: b.vector, limit: 10, params: { hnsw_ef: 64, exact: true } }] });
    expect((batch.body.result as Array<{ points: Array<{ id: number }> }>).map((r) => r.points.map((p) => p.id))).toEqual([a.truth, b.truth]);
  });

  it('answers through the gateway, then from the Redis cache, and Redis counts the hit', async () => {
    const redis = createClient({ url: lab.endpoints.redis });
    await redis.connect();
    const hits = async (): Promise<number> => Number(/keyspace_hits:(\d+)/.exec(await redis.info('stats'))![1]);
    try {
      const q = sets.get('deepcoder')!.queries[1]!;
      const body = { collection: 'deepcoder', vector: q.vector, limit: 10, filter: { must: [{ key: q.filter!.key, match: { value: q.filter!.value } }] } };
      const before = await hits();
      const first = await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, body);
      expect(first).toMatchObject({ status: 200, body: { status: 'ok', cached: false } });
      expect(ids(first)).toEqual(q.truth);
      const second = await post(`${lab.endpoints.gateway}/api/v1/models/deepcoder/search`, { vector: q.vector, limit: 10, filter: body.filter });
      expect(second).toMatchObject({ status: 200, body: { cached: true } });
      expect(ids(second)).toEqual(q.truth);
      expect(await hits()).toBe(before + 1);
    } finally {
      redis.destroy();
    }
    const health = await fetch(`${lab.endpoints.gateway}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', upstream: 'ok', cache: 'ok' });
    const unknown = await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, { collection: 'nope', vector: [1, 2], limit: 3 });
    expect(unknown).toMatchObject({ status: 404, body: { status: { error: 'Not found: Collection `nope` doesn\'t exist!' } } });
  });

  it('counts traffic in /telemetry, /metrics and the HAProxy stats', async () => {
    const node = lab.endpoints.nodes[0]!;
    const route = 'POST /collections/{collection_name}/points/query';
    const telemetryCount = async (): Promise<number> => {
      const body = (await (await fetch(`${node}/telemetry?details_level=1`)).json()) as { result: { requests: { rest: { responses: Record<string, Record<string, { count: number; total_duration_micros: number }>> } } } };
      return body.result.requests.rest.responses[route]?.['200']?.count ?? 0;
    };
    const metricCount = async (): Promise<number> => {
      const text = await (await fetch(`${node}/metrics`)).text();
      return Number(/^rest_responses_total\{method="POST",endpoint="\/collections\/\{collection_name\}\/points\/query",status="200"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    const stot = async (): Promise<number> => {
      const rows = (await (await fetch(lab.endpoints.haproxyStats)).text()).split('\n').filter((row) => row.startsWith('qdrant_nodes,BACKEND,'));
      return Number(rows[0]!.split(',')[7]);
    };
    const [t0, m0, s0] = [await telemetryCount(), await metricCount(), await stot()];
    const q = sets.get('imp')!.queries[0]!;
    for (let i = 0; i < 5; i++) await post(`${node}/collections/imp/points/query`, queryBody('imp', q));
    for (let i = 0; i < 6; i++) await post(`${lab.endpoints.balancer}/collections/imp/points/query`, queryBody('imp', q));
    expect(await telemetryCount()).toBeGreaterThanOrEqual(t0 + 5);
    expect(await metricCount()).toBeGreaterThanOrEqual(m0 + 5);
    expect(await stot()).toBeGreaterThanOrEqual(s0 + 6);
  });

  it('answers 503 past a node’s in-flight limit, and the rest exactly', async () => {
    // Batches of 100 searches keep the node busy long enough (tens of ms each) for requests to queue.
    const q = sets.get('mixtral')!.queries[0]!;
    const batch = { searches: Array.from({ length: 100 }, () => ({ query: q.vector, limit: 10 })) };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(`${lab.endpoints.nodes[1]}/collections/mixtral/points/query/batch`, batch)));
    const refused = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(4);
    expect(refused.length + served.length).toBe(20);
    expect((refused[0]!.body.status as { error: string }).error).toMatch(/searches in flight on this lab node \(limit 4\)/);
    for (const answer of served) {
      for (const result of answer.body.result as Array<{ points: Array<{ id: number }> }>) expect(result.points.map((p) => p.id)).toEqual(q.truth);
    }
  });

  it('gives bad input the statuses and errors Qdrant gives', async () => {
    const url = `${lab.endpoints.balancer}/collections/hermes/points/query`;
    const malformed = await post(url, '{"query": [0.1, 0.2,, "limit": 5');
    expect(malformed.status).toBe(400);
    expect((malformed.body.status as { error: string }).error).toMatch(/^Format error in JSON body: /);
    expect(await post(`${lab.endpoints.balancer}/collections/no_such_collection/points/query`, { query: [1] })).toMatchObject({
      status: 404,
      body: { status: { error: 'Not found: Collection `no_such_collection` doesn\'t exist!' } },
    });
    expect(await post(url, { query: [0.1, 0.2], limit: 3 })).toMatchObject({ status: 400, body: { status: { error: 'Wrong input: Vector dimension error: expected dim: 768, got 2' } } });
    // A declared body over Qdrant's 32 MiB limit is refused before it is read.
    const oversized = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 40 * 1024 * 1024 } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"query": [');
    });
    expect(oversized.status).toBe(400);
    expect(oversized.body).toContain('is larger than allowed (limit: 33554432 bytes)');
  });

  it('injects latency, errors and stalls into a node, and errors into the gateway, until cleared', async () => {
    const node = lab.endpoints.nodes[0]!;
    const q = sets.get('general')!.queries[0]!;
    const search = (): Promise<Answer> => post(`${node}/collections/general/points/query`, queryBody('general', q));
    try {
      await setFault(0, { latencyMs: 400 }, address);
      const slow = await search();
      expect(slow.ms).toBeGreaterThanOrEqual(390);
      // The node's own `time` includes the injected latency, as a slow Qdrant's does.
      expect(slow.body.time).toBeGreaterThanOrEqual(0.39);
      await setFault(0, { latencyMs: 0, errorRate: 1, errorStatus: 500 }, address);
      expect(await search()).toMatchObject({ status: 500, body: { status: { error: 'Service internal error: fault injected by the vecstress lab' } } });
      expect((await fetch(`${node}/readyz`)).status).toBe(200);
      await clearFaults(0, address);
      expect((await search()).status).toBe(200);
      await setFault(0, { stallSeconds: 1 }, address);
      const stalled = await search();
      expect(stalled.status).toBe(200);
      expect(stalled.ms).toBeGreaterThanOrEqual(900);
      await setFault('gateway', { errorRate: 1 }, address);
      expect((await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, { collection: 'general', vector: q.vector })).status).toBe(503);
    } finally {
      await clearFaults(0, address);
      await clearFaults('gateway', address);
    }
    expect((await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, { collection: 'general', vector: q.vector })).status).toBe(200);
  });

  it('keeps answering through the gateway, uncached and fast, while Redis is blocked by DEBUG SLEEP', async () => {
    const q = sets.get('imp')!.queries[3]!;
    const body = { collection: 'imp', vector: q.vector, limit: 10 };
    const other = { collection: 'imp', vector: sets.get('imp')!.queries[4]!.vector, limit: 10 };
    expect((await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, body)).body.cached).toBe(false);
    const sleeping = sleepRedis(1, address);
    await redisBlocked();
    // A cached search and a miss alike go upstream after the short cache-read deadline; the miss's
    // cache write waits for Redis, the answer does not.
    const duringSleep = [await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, body), await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, other)];
    await sleeping;
    for (const answer of duringSleep) {
      expect(answer).toMatchObject({ status: 200, body: { status: 'ok', cached: false } });
      expect(answer.ms).toBeLessThan(400);
    }
    expect(ids(duringSleep[0]!)).toEqual(q.truth);
    // Once Redis is awake, both are hits again: the write made during the sleep landed.
    await until('the write made during the sleep to land', async () => (await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, other)).body.cached === true, 5000);
    expect((await post(`${lab.endpoints.gateway}/api/v1/vectors/search`, body)).body.cached).toBe(true);
  });

  it('takes a killed node out of rotation, keeps answering, and puts it back after a restart', async () => {
    await killNode(1, address);
    await until('node1 DOWN in HAProxy', async () => (await balancer()).find((s) => s.name === 'node1')?.status.startsWith('DOWN') ?? false);
    const q = sets.get('hermes')!.queries[2]!;
    const answers = await Promise.all(Array.from({ length: 3 }, () => post(`${lab.endpoints.balancer}/collections/hermes/points/query`, queryBody('hermes', q))));
    for (let i = 0; i < 4; i++) answers.push(await post(`${lab.endpoints.balancer}/collections/hermes/points/query`, queryBody('hermes', q)));
    expect(answers.map((a) => a.status)).toEqual(Array(7).fill(200));
    expect(lab.endpoints.processes.find((p) => p.name === 'node1')).toBeDefined();
    await restartNode(1, address);
    await until('node1 UP in HAProxy', async () => (await balancer()).find((s) => s.name === 'node1')?.status === 'UP');
    expect(ids(await post(`${lab.endpoints.nodes[1]}/collections/hermes/points/query`, queryBody('hermes', q)))).toEqual(q.truth);
  });

  it('is reused by a second ensureLab, and `lab status --json` prints its endpoints', async () => {
    const again = await ensureLab({ stateDir });
    expect(again.startedHere).toBe(false);
    expect(again.endpoints.balancer).toBe(lab.endpoints.balancer);
    await again.stop(); // a no-op: this handle did not start the lab
    const status = await runCli(['lab', 'status', '--json', '--state-dir', stateDir]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ running: true, balancer: lab.endpoints.balancer, gateway: lab.endpoints.gateway, nodes: lab.endpoints.nodes, redis: lab.endpoints.redis, haproxyStats: lab.endpoints.haproxyStats });
  });
});
