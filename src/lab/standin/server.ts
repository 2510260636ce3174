// A stand-in node's HTTP server: the subset of Qdrant 1.19's REST API that vecstress drives and
// samples, with Qdrant's paths, bodies, statuses and error texts. Each route has the template
// Qdrant's telemetry reports it under.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ADMIN_PREFIX, handleAdmin } from '../admin.ts';
import type { Faults, RouteKind } from '../faults.ts';
import { errorEnvelope, HttpError, okEnvelope, oversizedMessage, parseJsonBody, readBody, sendJson, sendRawJson, sendText } from '../http.ts';
import type { StandinConfig } from './config.ts';
import { clusterDocument, collectionClusterDocument, collectionDocument, collectionsDocument, rootDocument, telemetryDocument, type NodeContext } from './documents.ts';
import { OverloadError, type SearchLimiter } from './limiter.ts';
import { createMetrics } from './metrics.ts';
import { parseCountRequest, parseQueryBatch, parseQueryRequest, parseSearchRequest, runSearch } from './query.ts';
import { replicate, REPLICA_HEADER } from './replication.ts';
import { RequestStats } from './request-stats.ts';
import type { Store } from './store.ts';
import { createCollection, createIndex, deleteCollection, getCollection, upsertPoints } from './writes.ts';

/** Answer is what a route returns; the server sends it and records it. */
type Answer = { status: number; json: unknown } | { status: number; text: string; contentType?: string };

interface Call {
  name: string;
  query: URLSearchParams;
  body: Buffer;
  startedAt: number;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Qdrant's route template, as /telemetry and /metrics name it. */
  template: string;
  kind: RouteKind;
  /** Writes are forwarded to the other nodes after they succeed here. */
  replicated?: boolean;
  handle(call: Call): Answer | Promise<Answer>;
}

export interface StandinNode {
  server: Server;
  context: NodeContext;
}

const NAME = '([^/]+)';

export function createStandinServer(config: StandinConfig, store: Store, limiter: SearchLimiter, faults: Faults, log: (line: string) => void): StandinNode {
  const context: NodeContext = { config, store, stats: new RequestStats(), startedAt: new Date(), telemetryId: randomUUID() };
  const metrics = createMetrics(context);
  const ok = (result: unknown, call: Call): Answer => ({ status: 200, json: okEnvelope(result, call.startedAt) });
  const json = (call: Call): unknown => parseJsonBody(call.body);
  const search = <T>(work: () => T): Promise<T> => limiter.run(work);

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/$/, template: '/', kind: 'health', handle: () => ({ status: 200, json: rootDocument() }) },
    { method: 'GET', pattern: /^\/healthz$/, template: '/healthz', kind: 'health', handle: () => ({ status: 200, text: 'healthz check passed' }) },
    { method: 'GET', pattern: /^\/livez$/, template: '/livez', kind: 'health', handle: () => ({ status: 200, text: 'healthz check passed' }) },
    { method: 'GET', pattern: /^\/readyz$/, template: '/readyz', kind: 'health', handle: () => ({ status: 200, text: 'all shards are ready' }) },
    {
      method: 'GET', pattern: /^\/metrics$/, template: '/metrics', kind: 'health',
      handle: async () => ({ status: 200, text: await metrics.registry.metrics(), contentType: 'text/plain; charset=utf-8' }),
    },
    { method: 'GET', pattern: /^\/telemetry$/, template: '/telemetry', kind: 'api', handle: (c) => ok(telemetryDocument(context, Number(c.query.get('details_level') ?? 0)), c) },
    { method: 'GET', pattern: /^\/cluster$/, template: '/cluster', kind: 'api', handle: (c) => ok(clusterDocument(context), c) },
    { method: 'GET', pattern: /^\/collections$/, template: '/collections', kind: 'api', handle: (c) => ok(collectionsDocument(context), c) },
    { method: 'GET', pattern: new RegExp(`^/collections/${NAME}$`), template: '/collections/{collection_name}', kind: 'api', handle: (c) => ok(collectionDocument(getCollection(store, c.name)), c) },
    { method: 'GET', pattern: new RegExp(`^/collections/${NAME}/exists$`), template: '/collections/{collection_name}/exists', kind: 'api', handle: (c) => ok({ exists: store.collections.has(c.name) }, c) },
    {
      method: 'GET', pattern: new RegExp(`^/collections/${NAME}/cluster$`), template: '/collections/{collection_name}/cluster', kind: 'api',
      handle: (c) => ok(collectionClusterDocument(context, getCollection(store, c.name)), c),
    },
    { method: 'PUT', pattern: new RegExp(`^/collections/${NAME}$`), template: '/collections/{collection_name}', kind: 'api', replicated: true, handle: (c) => ok(createCollection(store, c.name, json(c)), c) },
    { method: 'DELETE', pattern: new RegExp(`^/collections/${NAME}$`), template: '/collections/{collection_name}', kind: 'api', replicated: true, handle: (c) => ok(deleteCollection(store, c.name), c) },
    { method: 'PUT', pattern: new RegExp(`^/collections/${NAME}/index$`), template: '/collections/{collection_name}/index', kind: 'api', replicated: true, handle: (c) => ok(createIndex(store, c.name, json(c)), c) },
    {
      method: 'PUT', pattern: new RegExp(`^/collections/${NAME}/points$`), template: '/collections/{collection_name}/points', kind: 'api', replicated: true,
      handle: (c) => ok(upsertPoints(store, c.name, json(c), c.query.get('wait') === 'true'), c),
    },
    {
      method: 'POST', pattern: new RegExp(`^/collections/${NAME}/points/count$`), template: '/collections/{collection_name}/points/count', kind: 'api',
      handle: (c) => {
        const collection = getCollection(store, c.name);
        return ok({ count: collection.countMatching(parseCountRequest(json(c))) }, c);
      },
    },
    {
      method: 'POST', pattern: new RegExp(`^/collections/${NAME}/points/query$`), template: '/collections/{collection_name}/points/query', kind: 'api',
      handle: async (c) => {
        const collection = getCollection(store, c.name);
        const request = parseQueryRequest(json(c), collection);
        return ok({ points: await search(() => runSearch(collection, request)) }, c);
      },
    },
    {
      method: 'POST', pattern: new RegExp(`^/collections/${NAME}/points/query/batch$`), template: '/collections/{collection_name}/points/query/batch', kind: 'api',
      handle: async (c) => {
        const collection = getCollection(store, c.name);
        const requests = parseQueryBatch(json(c), collection);
        return ok(await search(() => requests.map((request) => ({ points: runSearch(collection, request) }))), c);
      },
    },
    {
      method: 'POST', pattern: new RegExp(`^/collections/${NAME}/points/search$`), template: '/collections/{collection_name}/points/search', kind: 'api',
      handle: async (c) => {
        const collection = getCollection(store, c.name);
        const request = parseSearchRequest(json(c), collection);
        return ok(await search(() => runSearch(collection, request)), c);
      },
    },
    {
      method: 'POST', pattern: new RegExp(`^/collections/${NAME}/points/search/batch$`), template: '/collections/{collection_name}/points/search/batch', kind: 'api',
      handle: async (c) => {
        const collection = getCollection(store, c.name);
        const body = json(c) as { searches?: unknown };
        if (!Array.isArray(body?.searches)) throw new HttpError(400, 'Format error in JSON body: missing field `searches`');
        const requests = body.searches.map((s) => parseSearchRequest(s, collection));
        return ok(await search(() => requests.map((request) => runSearch(collection, request))), c);
      },
    },
  ];

  const record = (template: string, res: ServerResponse, startedAt: number): void => {
    res.on('finish', () => {
      const seconds = (performance.now() - startedAt) / 1000;
      context.stats.record(template, res.statusCode, seconds * 1e6);
      metrics.observe(template, res.statusCode, seconds);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://node');
    if (url.pathname.startsWith(ADMIN_PREFIX)) return handleAdmin(req, res, faults, log);
    const method = req.method ?? 'GET';
    const { route, name } = matchRoute(routes, method, url.pathname);
    // The clock starts before the faults: a node slowed or stalled by one looks slow from inside
    // too (Qdrant's `time`, /telemetry and /metrics), as a real slow node does.
    const startedAt = performance.now();
    const injected = await faults.before(route?.kind ?? 'api');
    if (!route) {
      record(`${method} unknown`, res, startedAt);
      res.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    const template = `${method} ${route.template}`;
    record(template, res, startedAt);
    if (injected !== undefined) {
      sendJson(res, injected, errorEnvelope('Service internal error: fault injected by the vecstress lab', startedAt));
      return;
    }
    const body = method === 'POST' || method === 'PUT' ? await readBody(req, config.maxBodyBytes) : { ok: true as const, body: Buffer.alloc(0) };
    if (!body.ok) {
      // Qdrant answers an oversized body with 400 and closes the connection (the rest is unread).
      sendJson(res, 400, errorEnvelope(oversizedMessage(body.bytes, config.maxBodyBytes), startedAt), { connection: 'close' });
      return;
    }
    const call: Call = { name, query: url.searchParams, body: body.body, startedAt };
    let answer: Answer;
    try {
      answer = await route.handle(call);
    } catch (error) {
      answer = failure(error, startedAt, log);
    }
    if (route.replicated && answer.status === 200 && req.headers[REPLICA_HEADER] === undefined) {
      await replicate(config, method, `${url.pathname}${url.search}`, body.body, log);
    }
    if ('json' in answer) sendRawJson(res, answer.status, JSON.stringify(answer.json));
    else sendText(res, answer.status, answer.text, answer.contentType);
  };

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`unhandled error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorEnvelope(`Service internal error: ${(error as Error).message}`, performance.now()));
      else res.destroy();
    });
  });
  // A balancer keeps connections open for reuse; closing them first would make it retry.
  server.headersTimeout = 66_000;
  return { server, context };
}

function matchRoute(routes: readonly Route[], method: string, path: string): { route?: Route; name: string } {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, name: decodeURIComponent(match[1] ?? '') };
  }
  return { name: '' };
}

function failure(error: unknown, startedAt: number, log: (line: string) => void): Answer {
  if (error instanceof HttpError) return { status: error.status, json: errorEnvelope(error.message, startedAt) };
  if (error instanceof OverloadError) return { status: 503, json: errorEnvelope(error.message, startedAt) };
  log(`internal error: ${(error as Error).stack ?? String(error)}`);
  return { status: 500, json: errorEnvelope(`Service internal error: ${(error as Error).message}`, startedAt) };
}
