// The lab's gateway: the product's own search API in front of the cluster. It answers in Qdrant's
// query shape (plus `cached`), caches results in Redis under a hash of the request, and forwards
// misses through HAProxy. A Redis that is down or slow degrades the gateway to uncached; it never
// takes it down: a cache read that takes longer than a few tens of ms counts as a miss, and no
// answer waits for a cache write.
//
//   POST /api/v1/vectors/search        {collection, vector, limit?, filter?, with_payload?}
//   POST /api/v1/models/{model}/search {vector, limit?, filter?, with_payload?}   (model = collection)
//   GET  /api/v1/health                200 {"status":"ok"|"degraded", "upstream", "cache"}, 503 when the cluster is unreachable
//   GET  /api/v1/collections           the cluster's collection list, in Qdrant's shape

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Pool } from 'undici';
import { ADMIN_PREFIX, handleAdmin } from '../admin.ts';
import type { Faults } from '../faults.ts';
import { errorEnvelope, HttpError, parseJsonBody, readBody, secondsSince, sendJson, sendRawJson } from '../http.ts';

export interface GatewayConfig {
  port: number;
  /** The balanced Qdrant URL (HAProxy). */
  upstream: string;
  redisUrl: string;
  cacheTtlSeconds: number;
  maxBodyBytes: number;
  /** A cache read slower than this is a miss (default CACHE_READ_TIMEOUT_MS). */
  cacheReadTimeoutMs?: number;
}

/** Cache is the slice of a Redis client the gateway uses. */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  ping(): Promise<void>;
}

export interface SearchInput {
  collection: string;
  vector: number[];
  limit: number;
  filter?: Record<string, unknown>;
  withPayload: boolean;
}

const MAX_LIMIT = 1000;

/**
 * CACHE_READ_TIMEOUT_MS bounds how long a search waits for Redis: a hit saves an upstream search
 * of a few ms, so a cache slower than this costs more than it saves and the search goes upstream.
 */
export const CACHE_READ_TIMEOUT_MS = 50;
/** HEALTH_PING_TIMEOUT_MS: a Redis that does not answer PING in this long is reported slow (degraded). */
const HEALTH_PING_TIMEOUT_MS = 1000;

/** withDeadline settles as `promise` does, or with `onTimeout()` after `ms`, whichever comes first. */
function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(onTimeout()), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

function badRequest(message: string): HttpError {
  return new HttpError(400, `Bad request: ${message}`);
}

/** parseSearchInput validates a gateway search body; the collection comes from the path for the models route. */
export function parseSearchInput(body: unknown, collectionFromPath?: string): SearchInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body must be a JSON object');
  const input = body as Record<string, unknown>;
  const collection = collectionFromPath ?? input.collection;
  if (typeof collection !== 'string' || collection === '') throw badRequest('"collection" must be a non-empty string');
  const vector = input.vector;
  if (!Array.isArray(vector) || vector.length === 0 || !vector.every((x) => typeof x === 'number' && Number.isFinite(x))) throw badRequest('"vector" must be a non-empty array of numbers');
  const limit = input.limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`"limit" must be a whole number from 1 to ${MAX_LIMIT}`);
  const filter = input.filter;
  if (filter !== undefined && filter !== null && (typeof filter !== 'object' || Array.isArray(filter))) throw badRequest('"filter" must be a Qdrant filter object');
  const withPayload = input.with_payload ?? false;
  if (typeof withPayload !== 'boolean') throw badRequest('"with_payload" must be true or false');
  return { collection, vector: vector as number[], limit, ...(filter ? { filter: filter as Record<string, unknown> } : {}), withPayload };
}

/** cacheKey hashes everything that changes the answer, so equal searches share one entry. */
export function cacheKey(input: SearchInput): string {
  const canonical = JSON.stringify([input.collection, input.vector, input.limit, input.filter ?? null, input.withPayload]);
  return `vecstress:gateway:v1:${createHash('sha256').update(canonical).digest('hex')}`;
}

export function createGatewayServer(config: GatewayConfig, upstream: Pool, cache: Cache, faults: Faults, log: (line: string) => void): Server {
  const readTimeoutMs = config.cacheReadTimeoutMs ?? CACHE_READ_TIMEOUT_MS;
  // The cache's trouble, logged when it starts and when it ends, not once per search.
  let trouble: string | undefined;
  const cacheFailed = (why: string): void => {
    if (trouble === undefined) log(`cache ${why}, serving uncached`);
    trouble = why;
  };
  const cacheOk = (): void => {
    if (trouble !== undefined) log('cache available again');
    trouble = undefined;
  };

  /** cachedPoints reads a cached answer; an error or a read slower than the deadline is a miss. */
  function cachedPoints(key: string): Promise<string | null> {
    const read = cache.get(key).then(
      (value) => (cacheOk(), value),
      (error: unknown) => (cacheFailed(`unavailable (${(error as Error).message})`), null),
    );
    return withDeadline(read, readTimeoutMs, () => (cacheFailed(`slower than ${readTimeoutMs} ms`), null));
  }

  async function search(input: SearchInput, startedAt: number, res: ServerResponse): Promise<void> {
    const key = cacheKey(input);
    const hit = await cachedPoints(key);
    if (hit !== null) {
      sendRawJson(res, 200, `{"result":{"points":${hit}},"status":"ok","time":${secondsSince(startedAt)},"cached":true}`);
      return;
    }
    const body = JSON.stringify({ query: input.vector, limit: input.limit, with_payload: input.withPayload, ...(input.filter ? { filter: input.filter } : {}) });
    const response = await upstream.request({
      method: 'POST',
      path: `/collections/${encodeURIComponent(input.collection)}/points/query`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      // Qdrant's own error (unknown collection, wrong vector size, overload) passes through unchanged.
      sendRawJson(res, response.statusCode, text);
      return;
    }
    const points = JSON.stringify((JSON.parse(text) as { result: { points: unknown[] } }).result.points);
    // The answer does not wait for the write: a slow Redis delays the entry, not the search.
    void cache.set(key, points, config.cacheTtlSeconds).then(cacheOk, (error: unknown) => cacheFailed(`unavailable (${(error as Error).message})`));
    sendRawJson(res, 200, `{"result":{"points":${points}},"status":"ok","time":${secondsSince(startedAt)},"cached":false}`);
  }

  async function health(startedAt: number, res: ServerResponse): Promise<void> {
    const [upstreamStatus, cacheStatus] = await Promise.all([
      upstream.request({ method: 'GET', path: '/readyz' }).then(
        async (r) => (await r.body.dump(), r.statusCode === 200 ? 'ok' : `status ${r.statusCode}`),
        (error: unknown) => `unreachable: ${(error as Error).message}`,
      ),
      withDeadline(
        cache.ping().then(
          () => 'ok',
          (error: unknown) => `unavailable: ${(error as Error).message}`,
        ),
        HEALTH_PING_TIMEOUT_MS,
        () => `slow: no answer to PING within ${HEALTH_PING_TIMEOUT_MS} ms`,
      ),
    ]);
    const status = upstreamStatus !== 'ok' ? 'down' : cacheStatus !== 'ok' ? 'degraded' : 'ok';
    sendJson(res, status === 'down' ? 503 : 200, { status, upstream: upstreamStatus, cache: cacheStatus, time: secondsSince(startedAt) });
  }

  async function collections(res: ServerResponse): Promise<void> {
    const response = await upstream.request({ method: 'GET', path: '/collections' });
    sendRawJson(res, response.statusCode, await response.body.text());
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path.startsWith(ADMIN_PREFIX)) return handleAdmin(req, res, faults, log);
    const isHealth = path === '/api/v1/health';
    // The clock starts before the faults: injected latency and stalls count in the answer's `time`.
    const startedAt = performance.now();
    const injected = await faults.before(isHealth ? 'health' : 'api');
    if (injected !== undefined) return sendJson(res, injected, errorEnvelope('Service internal error: fault injected by the vecstress lab', startedAt));
    try {
      if (req.method === 'GET' && isHealth) return await health(startedAt, res);
      if (req.method === 'GET' && path === '/api/v1/collections') return await collections(res);
      const model = /^\/api\/v1\/models\/([^/]+)\/search$/.exec(path);
      if (req.method === 'POST' && (path === '/api/v1/vectors/search' || model)) {
        const body = await readBody(req, config.maxBodyBytes);
        if (!body.ok) throw new HttpError(413, `request body of ${body.bytes} bytes is larger than the gateway's limit of ${config.maxBodyBytes}`);
        return await search(parseSearchInput(parseJsonBody(body.body), model ? decodeURIComponent(model[1]!) : undefined), startedAt, res);
      }
      throw new HttpError(404, `no route ${req.method ?? ''} ${path}; the gateway serves POST /api/v1/vectors/search, POST /api/v1/models/{model}/search, GET /api/v1/health, GET /api/v1/collections`);
    } catch (error) {
      if (error instanceof HttpError) return sendJson(res, error.status, errorEnvelope(error.message, startedAt));
      // The cluster could not be reached at all (HAProxy down): the gateway's own 502.
      log(`upstream request failed: ${(error as Error).message}`);
      return sendJson(res, 502, errorEnvelope(`Bad gateway: the cluster at ${config.upstream} did not answer (${(error as Error).message})`, startedAt));
    }
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`unhandled error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorEnvelope('Service internal error', performance.now()));
      else res.destroy();
    });
  });
  server.headersTimeout = 66_000;
  return server;
}
