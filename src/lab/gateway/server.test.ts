import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { Faults } from '../faults.ts';
import { HttpError } from '../http.ts';
import { CACHE_READ_TIMEOUT_MS, cacheKey, createGatewayServer, parseSearchInput, type Cache } from './server.ts';

describe('parseSearchInput', () => {
  it('reads the vectors route body, with defaults', () => {
    expect(parseSearchInput({ collection: 'imp', vector: [0.5, 1] })).toEqual({ collection: 'imp', vector: [0.5, 1], limit: 10, withPayload: false });
  });

  it('takes the collection from the models route path, and a Qdrant filter as is', () => {
    const filter = { must: [{ key: 'language', match: { value: 'go' } }] };
    expect(parseSearchInput({ vector: [1], limit: 3, filter, with_payload: true }, 'deepcoder')).toEqual({ collection: 'deepcoder', vector: [1], limit: 3, filter, withPayload: true });
  });

  // Each row: a bad body and the part of the 400's message that says what is wrong.
  const rows: Array<[unknown, RegExp]> = [
    [[1, 2], /the body must be a JSON object/],
    [{ vector: [1] }, /"collection" must be a non-empty string/],
    [{ collection: 'imp', vector: [] }, /"vector" must be a non-empty array of numbers/],
    [{ collection: 'imp', vector: [1, 'x'] }, /"vector" must be a non-empty array of numbers/],
    [{ collection: 'imp', vector: [1], limit: 0 }, /"limit" must be a whole number from 1 to 1000/],
    [{ collection: 'imp', vector: [1], filter: [] }, /"filter" must be a Qdrant filter object/],
    [{ collection: 'imp', vector: [1], with_payload: 'yes' }, /"with_payload" must be true or false/],
  ];
  for (const [body, message] of rows) {
    it(`refuses ${JSON.stringify(body)} with a 400`, () => {
      expect(() => parseSearchInput(body)).toThrow(HttpError);
      expect(() => parseSearchInput(body)).toThrow(message);
    });
  }
});

describe('cacheKey', () => {
  it('is the same for the same search on either route, and differs when anything that changes the answer does', () => {
    const base = parseSearchInput({ collection: 'imp', vector: [0.5, 1], limit: 10 });
    expect(cacheKey(parseSearchInput({ vector: [0.5, 1] }, 'imp'))).toBe(cacheKey(base));
    expect(cacheKey(base)).toMatch(/^vecstress:gateway:v1:[0-9a-f]{64}$/);
    const others = [
      { collection: 'phi3', vector: [0.5, 1] },
      { collection: 'imp', vector: [0.5, 1.5] },
      { collection: 'imp', vector: [0.5, 1], limit: 5 },
      { collection: 'imp', vector: [0.5, 1], with_payload: true },
      { collection: 'imp', vector: [0.5, 1], filter: { must: [] } },
    ];
    for (const other of others) expect(cacheKey(parseSearchInput(other))).not.toBe(cacheKey(base));
  });
});

describe('the gateway server', () => {
  /** upstream is a one-route Qdrant on port 0 that counts the searches it answers. */
  async function withGateway(
    cache: Cache,
    test: (gateway: { url: string; faults: Faults; searches: () => number; logged: string[] }) => Promise<void>,
  ): Promise<void> {
    let searches = 0;
    const qdrant = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        searches++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { points: [{ id: 7, version: 0, score: 0.5 }] }, status: 'ok', time: 0.001 }));
      });
    });
    await new Promise<void>((resolve) => qdrant.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(qdrant.address() as AddressInfo).port}`;
    const pool = new Pool(upstreamUrl);
    const faults = new Faults();
    const logged: string[] = [];
    const server = createGatewayServer({ port: 0, upstream: upstreamUrl, redisUrl: 'redis://unused', cacheTtlSeconds: 60, maxBodyBytes: 1 << 20 }, pool, cache, faults, (line) => logged.push(line));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await test({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, faults, searches: () => searches, logged });
    } finally {
      faults.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.close();
      qdrant.closeAllConnections();
      await new Promise((resolve) => qdrant.close(resolve));
    }
  }

  async function search(url: string): Promise<{ status: number; body: { cached?: boolean; time?: number }; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/vectors/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: 'imp', vector: [1, 0] }) });
    return { status: response.status, body: (await response.json()) as { cached?: boolean; time?: number }, ms: performance.now() - started };
  }

  /** hanging is a Redis that has stopped answering (DEBUG SLEEP): nothing it is asked ever settles. */
  const hanging = (): Cache => ({ get: () => new Promise(() => undefined), set: () => new Promise(() => undefined), ping: () => new Promise(() => undefined) });

  it(`answers from upstream when the cache read takes longer than ${CACHE_READ_TIMEOUT_MS} ms, without waiting for the cache write`, async () => {
    await withGateway(hanging(), async ({ url, searches, logged }) => {
      const answer = await search(url);
      expect(answer).toMatchObject({ status: 200, body: { cached: false } });
      expect(answer.ms).toBeLessThan(CACHE_READ_TIMEOUT_MS + 400);
      expect(answer.body.time).toBeGreaterThanOrEqual((CACHE_READ_TIMEOUT_MS - 5) / 1000);
      expect(searches()).toBe(1);
      expect(logged).toEqual([`cache slower than ${CACHE_READ_TIMEOUT_MS} ms, serving uncached`]);
    });
  });

  it('serves a hit from a cache that answers in time, and fills it on a miss', async () => {
    const entries = new Map<string, string>();
    const cache: Cache = { get: async (key) => entries.get(key) ?? null, set: async (key, value) => void entries.set(key, value), ping: async () => undefined };
    await withGateway(cache, async ({ url, searches }) => {
      expect((await search(url)).body.cached).toBe(false);
      expect((await search(url)).body.cached).toBe(true);
      expect(searches()).toBe(1);
    });
  });

  it('reports a cache that does not answer PING as degraded, not the gateway as down', async () => {
    await withGateway(hanging(), async ({ url }) => {
      const response = await fetch(`${url}/api/v1/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'degraded', upstream: 'ok', cache: expect.stringMatching(/^slow: no answer to PING within \d+ ms$/) as string });
    });
  });

  it("counts injected latency in the answer's time", async () => {
    const cache: Cache = { get: async () => null, set: async () => undefined, ping: async () => undefined };
    await withGateway(cache, async ({ url, faults }) => {
      faults.set({ latencyMs: 150 });
      const answer = await search(url);
      expect(answer.status).toBe(200);
      expect(answer.body.time).toBeGreaterThanOrEqual(0.145);
    });
  });
});
