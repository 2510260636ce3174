// Seeding through the official @qdrant/js-client-rest client into a real HTTP server: a stand-in
// node in this process, started empty, as a fresh Qdrant would be.

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import type { MixDefinition } from '../config/mix-schema.ts';
import { Faults } from '../lab/faults.ts';
import { freePorts } from '../lab/ports.ts';
import { QDRANT_MAX_BODY_BYTES } from '../lab/standin/config.ts';
import { SearchLimiter } from '../lab/standin/limiter.ts';
import { createStandinServer, type StandinNode } from '../lab/standin/server.ts';
import { Store } from '../lab/standin/store.ts';
import { generateDatasets } from './generate.ts';
import { loadQuerySet } from './load.ts';
import { qdrantClient, seedCollections, type SeedProgress } from './seed.ts';

const mix: MixDefinition = {
  collections: {
    docs: { weight: 60, pattern: 'similarity_search', vectorSize: 16, distance: 'Cosine' },
    code: { weight: 40, pattern: 'code_search', vectorSize: 8, distance: 'Dot' },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'vecstress-seed-'));
let node: StandinNode;
let url: string;

beforeAll(async () => {
  generateDatasets({ mix, dir, points: 700, queries: 5 });
  node = createStandinServer(
    { name: 'node0', port: 0, peerId: 1, peers: [{ peerId: 1, url: 'http://127.0.0.1:0' }], maxInFlight: 64, queueTimeoutMs: 2000, maxBodyBytes: QDRANT_MAX_BODY_BYTES },
    new Store(),
    new SearchLimiter(64, 2000),
    new Faults(),
    () => undefined,
  );
  await new Promise<void>((resolve) => node.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(node.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  node.server.closeAllConnections();
  await new Promise((resolve) => node.server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('seedCollections', () => {
  it('creates the collections, uploads in batches, indexes the filter field and verifies the counts', async () => {
    const progress: SeedProgress[] = [];
    const seeded = await seedCollections({ url, dir, batchSize: 256, onProgress: (p) => progress.push(p) });
    expect(seeded).toEqual([
      { collection: 'docs', points: 700, created: true, uploaded: 700 },
      { collection: 'code', points: 700, created: true, uploaded: 700 },
    ]);
    expect(progress.filter((p) => p.collection === 'docs').map((p) => `${p.phase}:${p.uploaded}`)).toEqual(['created:0', 'uploading:256', 'uploading:512', 'uploading:700', 'verified:700']);
    const info = await qdrantClient(url).getCollection('code');
    expect(info.config.params.vectors).toEqual({ size: 8, distance: 'Dot' });
    expect(info.payload_schema).toMatchObject({ language: { data_type: 'keyword' } });
    // What was uploaded is what the ground truth was computed on.
    const q = loadQuerySet('code', { dir }).queries[0]!;
    const found = await qdrantClient(url).query('code', { query: q.vector, limit: 10, filter: { must: [{ key: 'language', match: { value: q.filter!.value } }] } });
    expect(found.points.map((p) => p.id)).toEqual(q.truth);
  });

  it('is idempotent: a second run keeps collections that already hold the dataset', async () => {
    const seeded = await seedCollections({ url, dir });
    expect(seeded.map((s) => [s.collection, s.created, s.uploaded])).toEqual([
      ['docs', false, 0],
      ['code', false, 0],
    ]);
  });

  it('refuses a collection of another vector size unless told to recreate it', async () => {
    const client = qdrantClient(url);
    await client.deleteCollection('docs');
    await client.createCollection('docs', { vectors: { size: 4, distance: 'Cosine' } });
    await expect(seedCollections({ url, dir, collections: ['docs'] })).rejects.toThrow(/collection "docs" on http:\/\/127\.0\.0\.1:\d+\/? has vectors 4 Cosine, the dataset has 16 Cosine; pass --recreate/);
    const seeded = await seedCollections({ url, dir, collections: ['docs'], recreate: true });
    expect(seeded[0]).toMatchObject({ created: true, uploaded: 700 });
  });

  it('runs from the CLI and names an unreachable target', async () => {
    const ok = await runCli(['seed', '--target', url, '--dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/docs +already holds 700 points/);
    expect(ok.out).toMatch(/2 collections verified, 0 points uploaded/);
    const [closed] = await freePorts(1);
    const down = await runCli(['seed', '--target', `http://127.0.0.1:${closed}`, '--dir', dir]);
    expect(down.code).toBe(3);
    expect(down.err).toMatch(new RegExp(`seeding collection "docs" on http://127\\.0\\.0\\.1:${closed}/?: checking the collection failed: .*ECONNREFUSED`));
    const bad = await runCli(['seed', '--target', 'ftp://x', '--dir', dir]);
    expect(bad.code).toBe(2);
  });
});
