import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOW_TO_ENABLE_REAL_NODE, qdrantBinary } from '../../test/helpers/qdrant-binary.ts';
import { resolveQdrantBinary } from '../lab/qdrant/binary.ts';
import { startSamplers } from './index.ts';
import type { SampleOutput } from './sampler.ts';
import { collector, freePort, qdrantFixture, startFixtureServer, startServer, waitFor, type FixtureServer, type ServerProcess } from './testdata/helpers.ts';

type Sample<K extends SampleOutput['kind']> = Extract<SampleOutput, { type: 'sample'; kind: K }>;

function samplesOf<K extends SampleOutput['kind']>(lines: SampleOutput[], kind: K): Array<Sample<K>> {
  return lines.filter((line): line is Sample<K> => line.type === 'sample' && line.kind === kind);
}

const NO_ENGINE = { enginePid: () => undefined };

describe('Qdrant samplers against recorded Qdrant 1.19 answers', () => {
  let node: FixtureServer | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  /** recordedNode answers like the node the fixtures were captured from, and only with the API key. */
  async function recordedNode(): Promise<FixtureServer> {
    return startFixtureServer((path, nth) => {
      const answers: Record<string, string> = {
        '/metrics': nth === 0 ? 'metrics.txt' : 'metrics-after-load.txt',
        '/telemetry?details_level=1': nth === 0 ? 'telemetry-details1-a.json' : 'telemetry-details1-b.json',
        '/collections': 'collections.json',
        '/collections/bench': 'collection.json',
        '/cluster': 'cluster-enabled.json',
      };
      return answers[path] === undefined ? undefined : { body: qdrantFixture(answers[path]!) };
    });
  }

  it('samples /metrics, /telemetry, /collections/{name} and /cluster of a node, sending the API key', async () => {
    node = await recordedNode();
    const out = collector();
    const set = startSamplers({ endpoints: { nodes: [node.url] }, apiKey: 'test-key', collections: ['bench', 'missing'], intervalMs: 300, generator: NO_ENGINE }, out.sink, out.warn);
    await sleep(1700);
    const statuses = await set.stop();

    const metrics = samplesOf(out.lines, 'qdrant-metrics');
    expect(metrics.length).toBeGreaterThanOrEqual(2);
    expect(metrics.every((line) => line.source === node!.url && line.sampler === 'qdrant-metrics')).toBe(true);
    // The first sample differences the two captures over one interval of about 300 ms.
    const delta = 1_575_484 - 33;
    expect(metrics[0]!.data.requestsTotal).toBe(1_575_484);
    expect(metrics[0]!.data.requestsPerSecond).toBeGreaterThan(delta / 1.5);
    expect(metrics[0]!.data.requestsPerSecond).toBeLessThan(delta / 0.15);
    expect(metrics[1]!.data.requestsPerSecond).toBe(0);

    const telemetry = samplesOf(out.lines, 'qdrant-telemetry');
    expect(telemetry[0]!.data.routes['POST /collections/{collection_name}/points/query']?.meanServerTimeMs).toBe(0.305);
    expect(telemetry[0]!.data.pointsRequestsPerSecond).toBeGreaterThan(31 / 1.5);

    expect(samplesOf(out.lines, 'qdrant-collections')[0]!.data).toEqual({
      collections: { bench: { status: 'green', pointsCount: 1000 }, missing: { status: 'absent', pointsCount: 0 } },
    });
    expect(samplesOf(out.lines, 'qdrant-cluster')[0]!.data).toMatchObject({ status: 'enabled', peers: 2, role: 'Leader' });

    expect(node.requests.every((request) => request.headers['api-key'] === 'test-key')).toBe(true);
    const qdrantStatuses = statuses.filter((status) => status.kind.startsWith('qdrant-'));
    expect(qdrantStatuses.map((status) => [status.name, status.status, status.gaps])).toEqual([
      ['qdrant-metrics', 'ok', 0],
      ['qdrant-telemetry', 'ok', 0],
      ['qdrant-collections', 'ok', 0],
      ['qdrant-cluster', 'ok', 0],
    ]);
    // Collections and cluster are read every 5 intervals; metrics and telemetry every interval.
    const rate = Object.fromEntries(qdrantStatuses.map((status) => [status.name, status.requestsPerSecond]));
    expect(rate['qdrant-metrics']).toBeLessThan(5);
    expect(rate['qdrant-cluster']).toBeLessThan(rate['qdrant-metrics']!);
    const sent = node.requests.length / 1.7;
    expect(Object.values(rate).reduce((sum, r) => sum + r, 0)).toBeCloseTo(sent, 0);
    expect(out.warnings).toEqual([]);
  });

  it('lists the collections of the node when the run names none', async () => {
    node = await recordedNode();
    const out = collector();
    const set = startSamplers({ endpoints: { nodes: [node.url] }, collections: [], intervalMs: 200, generator: NO_ENGINE }, out.sink, out.warn);
    await waitFor('a collections sample', () => samplesOf(out.lines, 'qdrant-collections')[0]);
    await set.stop();
    expect(samplesOf(out.lines, 'qdrant-collections')[0]!.data.collections).toEqual({ bench: { status: 'green', pointsCount: 1000 } });
  });
});

// The real server: $VECSTRESS_TEST_QDRANT_BIN, or the shared copy beside the checkout.
const QDRANT = qdrantBinary();

describe.skipIf(QDRANT === undefined)(`Qdrant samplers against a real Qdrant 1.19 node (${QDRANT ?? HOW_TO_ENABLE_REAL_NODE})`, () => {
  const API_KEY = 'real-qdrant-key-7';
  let qdrant: ServerProcess | undefined;
  let url = '';
  const headers = { 'api-key': API_KEY, 'content-type': 'application/json' };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vecstress-qdrant-'));
    // An .xz is unpacked once, as the lab does it.
    const { path: binary } = await resolveQdrantBinary(QDRANT!, join(dir, 'bin'));
    const [http, grpc] = [await freePort(), await freePort()];
    const env = {
      QDRANT__SERVICE__HOST: '127.0.0.1',
      QDRANT__SERVICE__HTTP_PORT: String(http),
      QDRANT__SERVICE__GRPC_PORT: String(grpc),
      QDRANT__SERVICE__API_KEY: API_KEY,
      QDRANT__STORAGE__STORAGE_PATH: join(dir, 'storage'),
      QDRANT__STORAGE__SNAPSHOTS_PATH: join(dir, 'snapshots'),
      QDRANT__TELEMETRY_DISABLED: 'true',
    };
    // From a folder without config/, so Qdrant's built-in defaults apply.
    qdrant = startServer('env', ['-C', dir, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), binary]);
    url = `http://127.0.0.1:${http}`;
    await waitFor(`Qdrant ready (${qdrant.output().slice(-500)})`, () => fetch(`${url}/readyz`).then((r) => r.ok, () => false), 30_000);
    await fetch(`${url}/collections/bench`, { method: 'PUT', headers, body: JSON.stringify({ vectors: { size: 4, distance: 'Cosine' } }) });
    const points = [1, 2, 3].map((id) => ({ id, vector: [id, 1, 0.5, 0.25] }));
    const upsert = await fetch(`${url}/collections/bench/points?wait=true`, { method: 'PUT', headers, body: JSON.stringify({ points }) });
    expect(upsert.status).toBe(200);
  });

  afterAll(async () => {
    await qdrant?.stop();
  });

  it('reads every Qdrant sample kind of a real node under a little load, without gaps', async () => {
    const out = collector();
    const set = startSamplers({ endpoints: { nodes: [url] }, apiKey: API_KEY, collections: ['bench', 'absent'], intervalMs: 400, generator: NO_ENGINE }, out.sink, out.warn);
    const until = Date.now() + 2200;
    let queries = 0;
    while (Date.now() < until) {
      const response = await fetch(`${url}/collections/bench/points/query`, { method: 'POST', headers, body: JSON.stringify({ query: [1, 1, 0.5, 0.25], limit: 2 }) });
      await response.text();
      queries++;
      await sleep(20);
    }
    const statuses = await set.stop();

    const metrics = samplesOf(out.lines, 'qdrant-metrics');
    expect(metrics.at(-1)!.data).toMatchObject({ version: '1.19.0', collectionPoints: { bench: 3 } });
    expect(Math.max(...metrics.map((line) => line.data.pointsRequestsPerSecond ?? 0))).toBeGreaterThan(0);
    expect(metrics.some((line) => (line.data.meanDurationMs ?? 0) > 0)).toBe(true);
    const telemetry = samplesOf(out.lines, 'qdrant-telemetry');
    const served = telemetry.reduce((sum, line) => sum + (line.data.routes['POST /collections/{collection_name}/points/query']?.requestsPerSecond ?? 0) * 0.4, 0);
    // The readings cover most of the query loop; each rate is over a measured interval of about 400 ms.
    expect(served).toBeGreaterThan(queries * 0.4);
    expect(served).toBeLessThan(queries * 1.5);
    expect(telemetry.some((line) => (line.data.meanServerTimeMs ?? 0) > 0)).toBe(true);
    expect(telemetry.at(-1)!.data).toMatchObject({ clusterEnabled: false, version: '1.19.0' });
    expect(samplesOf(out.lines, 'qdrant-collections')[0]!.data.collections).toEqual({ bench: { status: 'green', pointsCount: 3 }, absent: { status: 'absent', pointsCount: 0 } });
    expect(samplesOf(out.lines, 'qdrant-cluster')[0]!.data).toEqual({ status: 'disabled', peers: 0 });
    expect(statuses.filter((status) => status.gaps > 0)).toEqual([]);
    expect(JSON.stringify(out)).not.toContain(API_KEY);
  });

  it('records gaps, not samples, with a wrong API key, and never writes the key', async () => {
    const out = collector();
    const set = startSamplers({ endpoints: { nodes: [url] }, apiKey: 'wrong-key-123', collections: ['bench'], intervalMs: 300, generator: NO_ENGINE }, out.sink, out.warn);
    await sleep(800);
    const statuses = await set.stop();
    const qdrant = statuses.filter((status) => status.kind.startsWith('qdrant-'));
    expect(qdrant.every((status) => status.status === 'failed' && /HTTP 40[13]/.test(status.lastError ?? ''))).toBe(true);
    expect(out.warnings).toHaveLength(4);
    expect(JSON.stringify(out)).not.toContain('wrong-key-123');
  });
});
