import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockOf, syntheticRun } from '../../test/helpers/synthetic-run.ts';
import { writeRunFolder } from '../../test/helpers/write-run-folder.ts';
import { RUN_FILES, RUN_FOLDER_VERSION } from './manifest.ts';
import { ENGINE_PROTOCOL_VERSION } from './engine-lines.ts';
import { readRunFolder } from './read.ts';

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-read-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const twoCollections = () =>
  syntheticRun({
    stages: [{ seconds: 4, target: 100 }],
    collections: [{ name: 'alpha', share: 0.7 }, { name: 'beta', share: 0.3 }],
    samples: [{ kind: 'redis-latency', source: 'redis', second: 1, data: { samples: 100, minMs: 0.1, avgMs: 0.2, p50Ms: 0.2, p99Ms: 0.5, maxMs: 0.9 } }],
    events: [{ type: 'run-start', second: 0, message: 'started' }],
  });

const RECORDED_V1 = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'runs', 'recorded-progressive-lab');

describe('readRunFolder', () => {
  it('reads a version 2 folder as written: every endpoint under its one name', () => {
    const run = twoCollections();
    run.manifest.target = { ...run.manifest.target, redis: 'redis://:***@db:6379', haproxyStats: 'http://lb:8404/stats;csv', prometheus: 'http://prom:9090' };
    const read = readRunFolder(writeRunFolder(tempFolder(), run));
    expect(read.manifest.schemaVersion).toBe(2);
    expect(read.manifest.target).toEqual(run.manifest.target);
  });

  it('reads a version 1 folder (a recorded lab run) as version 2, its balancerStats as haproxyStats', () => {
    const written = JSON.parse(readFileSync(join(RECORDED_V1, RUN_FILES.manifest), 'utf8'));
    expect(written.schemaVersion).toBe(1);
    const read = readRunFolder(RECORDED_V1);
    expect(read.problems).toEqual([]);
    expect(read.manifest.schemaVersion).toBe(RUN_FOLDER_VERSION);
    expect(read.manifest.target).toEqual({
      kind: written.target.kind,
      url: written.target.url,
      api: 'query',
      balancer: written.target.url,
      nodes: written.target.nodes,
      redis: written.target.redis,
      haproxyStats: written.target.balancerStats,
    });
    expect(read.manifest.target).not.toHaveProperty('balancerStats');
    expect(read.windows.length).toBeGreaterThan(0);
  });

  it('reads the load URL of a version 1 gateway run as both the balancer and the gateway', () => {
    const dir = writeRunFolder(tempFolder(), twoCollections());
    const manifest = JSON.parse(readFileSync(join(dir, RUN_FILES.manifest), 'utf8'));
    const v1Target = { kind: 'lab', url: 'http://127.0.0.1:8080', api: 'gateway', nodes: [] };
    writeFileSync(join(dir, RUN_FILES.manifest), JSON.stringify({ ...manifest, schemaVersion: 1, target: v1Target }));
    expect(readRunFolder(dir).manifest.target).toEqual({ ...v1Target, balancer: 'http://127.0.0.1:8080', gateway: 'http://127.0.0.1:8080' });
  });

  it('reads back what was written, with windows that arrived late sorted by second and collection', () => {
    const run = twoCollections();
    const dir = writeRunFolder(tempFolder(), run, { lateWindows: true });
    const read = readRunFolder(dir);
    expect(read.problems).toEqual([]);
    expect(read.manifest).toEqual(run.manifest);
    expect(read.start).toEqual(run.start);
    expect(read.end).toEqual(run.end);
    expect(read.windows).toEqual(run.windows);
    expect(read.windows.map((w) => `${w.second}:${w.collection}`)).toEqual(['0:alpha', '0:beta', '1:alpha', '1:beta', '2:alpha', '2:beta', '3:alpha', '3:beta']);
    expect(read.ticks).toEqual(run.ticks);
    expect(read.samples).toEqual(run.samples);
    expect(read.events).toEqual(run.events);
  });

  it('skips a last line cut off by a crash and says so, keeping every line before it', () => {
    const run = twoCollections();
    const dir = writeRunFolder(tempFolder(), run, { cutLastLine: true });
    const read = readRunFolder(dir);
    expect(read.windows).toHaveLength(run.windows.length);
    expect(read.end).toBeNull();
    expect(read.problems).toEqual([expect.stringMatching(/^windows\.ndjson:\d+: the last line is cut off .*; skipped$/)]);
  });

  it('skips a damaged line in the middle of a file, naming the file and line', () => {
    const dir = writeRunFolder(tempFolder(), twoCollections());
    const file = join(dir, RUN_FILES.events);
    writeFileSync(file, `not json\n${readFileSync(file, 'utf8')}{"type":"party","t":1,"second":0}\n`);
    const read = readRunFolder(dir);
    expect(read.events).toHaveLength(1);
    expect(read.problems).toEqual(['events.ndjson:1: not a JSON object; skipped', 'events.ndjson:3: not a known event; skipped']);
  });

  it('reads a missing samples or events file as empty and says it was missing', () => {
    const dir = writeRunFolder(tempFolder(), twoCollections());
    rmSync(join(dir, RUN_FILES.samples));
    const read = readRunFolder(dir);
    expect(read.samples).toEqual([]);
    expect(read.problems).toEqual(['samples.ndjson is missing']);
  });

  it('refuses a folder of a newer major version instead of misreading it', () => {
    const dir = writeRunFolder(tempFolder(), twoCollections());
    const manifest = JSON.parse(readFileSync(join(dir, RUN_FILES.manifest), 'utf8'));
    writeFileSync(join(dir, RUN_FILES.manifest), JSON.stringify({ ...manifest, schemaVersion: 3 }));
    expect(() => readRunFolder(dir)).toThrow(`${dir} is a version 3 run folder; this vecstress reads up to version 2: use a newer vecstress`);
  });

  it('refuses an engine stream of a newer protocol', () => {
    const dir = writeRunFolder(tempFolder(), twoCollections());
    const file = join(dir, RUN_FILES.windows);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"protocol":${ENGINE_PROTOCOL_VERSION}`, `"protocol":${ENGINE_PROTOCOL_VERSION + 1}`));
    expect(() => readRunFolder(dir)).toThrow(new RegExp(`written with engine protocol ${ENGINE_PROTOCOL_VERSION + 1}; this vecstress reads up to ${ENGINE_PROTOCOL_VERSION}`));
  });

  it('names the folder when it has no run.json', () => {
    const dir = tempFolder();
    expect(() => readRunFolder(dir)).toThrow(`${dir} is not a run folder: it has no run.json`);
  });

  it('keeps samples and gaps apart', () => {
    const dir = writeRunFolder(tempFolder(), twoCollections());
    appendFileSync(join(dir, RUN_FILES.samples), `${JSON.stringify({ type: 'gap', kind: 'redis-info', sampler: 'redis-info', source: 'redis', t: clockOf(2), second: 2, error: 'ECONNREFUSED' })}\n`);
    const read = readRunFolder(dir);
    expect(read.samples).toHaveLength(1);
    expect(read.gaps).toEqual([expect.objectContaining({ kind: 'redis-info', error: 'ECONNREFUSED' })]);
  });
});
