import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Faults } from '../faults.ts';
import { QDRANT_MAX_BODY_BYTES } from './config.ts';
import { SearchLimiter } from './limiter.ts';
import { createStandinServer, type StandinNode } from './server.ts';
import { Collection, Store } from './store.ts';

// One stand-in node in-process on port 0, to check what it says about its own timing.
const faults = new Faults();
let node: StandinNode;
let url: string;

beforeAll(async () => {
  const store = new Store();
  const collection = new Collection('imp', { size: 2, distance: 'Dot', shardNumber: 1, replicationFactor: 1, writeConsistencyFactor: 1 });
  collection.upsert([{ id: 1, vector: [1, 0], payload: {} }, { id: 2, vector: [0, 1], payload: {} }], 0);
  store.collections.set('imp', collection);
  const config = { name: 'node0', port: 0, peerId: 1, peers: [{ peerId: 1, url: 'http://127.0.0.1:0' }], maxInFlight: 4, queueTimeoutMs: 1000, maxBodyBytes: QDRANT_MAX_BODY_BYTES };
  node = createStandinServer(config, store, new SearchLimiter(4, 1000), faults, () => undefined);
  await new Promise<void>((resolve) => node.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(node.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  faults.clear();
  node.server.closeAllConnections();
  await new Promise((resolve) => node.server.close(resolve));
});

const ROUTE = 'POST /collections/{collection_name}/points/query';

async function query(): Promise<{ status: number; time: number }> {
  const response = await fetch(`${url}/collections/imp/points/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: [1, 0], limit: 1 }) });
  return { status: response.status, time: ((await response.json()) as { time: number }).time };
}

describe('a stand-in node slowed by a fault', () => {
  it("counts the injected latency in Qdrant's time, /telemetry and /metrics, as a slow node would show it", async () => {
    faults.set({ latencyMs: 150 });
    try {
      expect(await query()).toMatchObject({ status: 200, time: expect.any(Number) as number });
      expect((await query()).time).toBeGreaterThanOrEqual(0.145);
    } finally {
      faults.clear();
    }
    const telemetry = (await (await fetch(`${url}/telemetry?details_level=1`)).json()) as { result: { requests: { rest: { responses: Record<string, Record<string, { count: number; min_duration_micros: number }>> } } } };
    expect(telemetry.result.requests.rest.responses[ROUTE]?.['200']).toMatchObject({ count: 2 });
    expect(telemetry.result.requests.rest.responses[ROUTE]!['200']!.min_duration_micros).toBeGreaterThanOrEqual(145_000);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const sum = /^rest_responses_duration_seconds_sum\{method="POST",endpoint="\/collections\/\{collection_name\}\/points\/query",status="200"\} ([\d.e+-]+)$/m.exec(metrics);
    expect(Number(sum?.[1])).toBeGreaterThanOrEqual(0.29);
  });

  it('counts a stall in the time of the requests it held, health checks included', async () => {
    // The stall ends 0.5 s after it is set; the requests start within a few ms of that.
    faults.set({ stallSeconds: 0.5 });
    const [held, health] = await Promise.all([query(), fetch(`${url}/readyz`)]);
    expect(held.time).toBeGreaterThanOrEqual(0.3);
    expect(health.status).toBe(200);
    const telemetry = (await (await fetch(`${url}/telemetry?details_level=1`)).json()) as { result: { requests: { rest: { responses: Record<string, Record<string, { max_duration_micros: number }>> } } } };
    expect(telemetry.result.requests.rest.responses['GET /readyz']!['200']!.max_duration_micros).toBeGreaterThanOrEqual(300_000);
  });
});
