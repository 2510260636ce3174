// The stand-in node against responses captured from a real Qdrant 1.19.0 (test/fixtures/qdrant-1.19.0,
// the same data and requests): every field the real server sends, the stand-in sends too, with the
// same JSON type. Runs on any machine: no Qdrant binary is needed.

import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MixDefinition } from '../../src/config/mix-schema.ts';
import { generateDatasets } from '../../src/datasets/generate.ts';
import { loadCollectionData, loadQuerySet } from '../../src/datasets/load.ts';
import { qdrantClient, seedCollections } from '../../src/datasets/seed.ts';
import { startStandinNode, type ContractNode } from './nodes.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'qdrant-1.19.0');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/**
 * shape reduces a JSON value to its structure: objects to their keys' shapes, arrays to their first
 * element's, scalars to their type. Maps keyed by data (peer ids, route names) are compared by
 * their first value, since their keys are data, not schema; a payload is the user's own document.
 */
function shape(value: unknown, mapKeyed = false, opaque = false): unknown {
  if (opaque) return typeof value;
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (mapKeyed) return entries.length === 0 ? {} : { '<key>': shape(entries[0]![1]) };
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([key, v]) => [key, shape(v, DATA_KEYED.has(key), key === 'payload')]));
}

/** DATA_KEYED are the objects whose keys are data: peer ids, indexed fields, route names, statuses. */
const DATA_KEYED = new Set(['peers', 'payload_schema', 'responses', 'message_send_failures']);

/** missing tells whether every field of `real` exists in `standin` with the same shape; it returns what is missing. */
function missing(real: unknown, standin: unknown, path = ''): string[] {
  if (Array.isArray(real)) {
    if (!Array.isArray(standin)) return [`${path}: array expected`];
    return real.length === 0 || standin.length === 0 ? [] : missing(real[0], standin[0], `${path}[0]`);
  }
  if (typeof real === 'object' && real !== null) {
    if (typeof standin !== 'object' || standin === null || Array.isArray(standin)) return [`${path}: object expected`];
    return Object.entries(real).flatMap(([key, value]) => (key in standin ? missing(value, (standin as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`]));
  }
  return real === standin ? [] : [`${path}: ${String(real)} expected, got ${String(standin)}`];
}

const mix: MixDefinition = { collections: { bench: { weight: 100, pattern: 'similarity_search', vectorSize: 128, distance: 'Cosine' } } };
const root = mkdtempSync(join(tmpdir(), 'vecstress-fixture-shapes-'));
let node: ContractNode;
let vector: number[];
let category: string;

beforeAll(async () => {
  const datasetDir = join(root, 'datasets');
  generateDatasets({ mix, dir: datasetDir, points: 1000, queries: 2 });
  vector = loadQuerySet('bench', { dir: datasetDir }).queries[0]!.vector;
  category = String(loadCollectionData('bench', { dir: datasetDir }).payloads[0]!.category);
  node = await startStandinNode(join(root, 'node'));
  await seedCollections({ url: node.url, dir: datasetDir });
  await qdrantClient(node.url).createPayloadIndex('bench', { field_name: 'category', field_schema: 'keyword', wait: true });
});

afterAll(async () => {
  await node?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function get(path: string, body?: unknown): Promise<{ status: number; contentType: string; json: unknown }> {
  const response = await fetch(`${node.url}${path}`, body === undefined ? {} : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json: await response.json() };
}

describe('the stand-in node has every field of the real responses', () => {
  // Each row: the fixture, the same request to the stand-in, and its captured status.
  const rows: Array<[string, string, unknown?]> = [
    ['root.json', '/'],
    ['collections.json', '/collections'],
    ['collection.json', '/collections/bench'],
    ['collection-cluster.json', '/collections/bench/cluster'],
    ['cluster-enabled.json', '/cluster'],
    ['telemetry.json', '/telemetry'],
    ['query-response.json', '/collections/bench/points/query', 'query'],
    ['query-response-filtered.json', '/collections/bench/points/query', 'filtered'],
    ['search-response.json', '/collections/bench/points/search', 'search'],
    ['error-wrong-dim.json', '/collections/bench/points/query', { query: Array(64).fill(0.1), limit: 5 }],
    ['error-unknown-collection.json', '/collections/no_such_collection/points/query', { query: [0.1], limit: 5 }],
    ['error-malformed-json.json', '/collections/bench/points/query', '{"query": [0.1, 0.2,, "limit": 5'],
  ];
  const statuses = fixture('statuses.json') as Record<string, { status: number; content_type: string }>;

  for (const [file, path, request] of rows) {
    it(`${file}: ${path}`, async () => {
      const body =
        request === 'query' ? { query: vector, limit: 5, with_payload: true }
        : request === 'filtered' ? { query: vector, limit: 5, with_payload: true, filter: { must: [{ key: 'category', match: { value: category } }] } }
        : request === 'search' ? { vector, limit: 5, with_payload: true }
        : request;
      const reply = await get(path, body);
      expect(missing(shape(fixture(file)), shape(reply.json))).toEqual([]);
      const captured = statuses[file] ?? { status: 200, content_type: 'application/json' };
      expect([reply.status, reply.contentType]).toEqual([captured.status, captured.content_type]);
    });
  }

  it('telemetry at details level 1 carries the detailed statistics, memory and cluster status', async () => {
    const detailed = (await get('/telemetry?details_level=1')).json as { result: Record<string, unknown> };
    const real = (fixture('telemetry-details2.json') as { result: Record<string, unknown> }).result;
    // Levels 1 and 2 share these sections; app.features, hardware and search_pool are not emulated.
    for (const section of ['requests', 'memory', 'quota']) expect(missing(shape(real[section]), shape(detailed.result[section])), section).toEqual([]);
  });

  it('serves every /metrics family the real server does, with the same type, except those it does not emulate', async () => {
    const families = (text: string): Map<string, string> => new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    const real = families(readFileSync(join(FIXTURES, 'metrics.txt'), 'utf8'));
    const standin = families(await (await fetch(`${node.url}/metrics`)).text());
    // Not emulated: snapshots, hardware counters, shard transfers, mmaps; nothing vecstress reads.
    const notEmulated = /^(snapshot_|collection_hardware_metric_|collection_shard_transfer_|collection_indexed_only_|collection_update_queue_deferred_|process_open_mmaps|system_max_mmaps)/;
    const absent = [...real].filter(([name, type]) => !notEmulated.test(name) && standin.get(name) !== type).map(([name, type]) => `${name} ${type}`);
    expect(absent).toEqual([]);
  });
});
