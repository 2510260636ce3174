import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyntheticRunSpec, SyntheticSample } from '../../../test/helpers/synthetic-run.ts';
import { syntheticRun } from '../../../test/helpers/synthetic-run.ts';
import { runCli } from '../../../test/helpers/cli.ts';
import { writeRunFolder } from '../../../test/helpers/write-run-folder.ts';
import { goldenPath } from '../../report/testdata/fixtures.ts';

const NODES = ['http://qdrant-1:6333', 'http://qdrant-2:6333', 'http://qdrant-3:6333'];
const CAPACITY = 250;

/** clusterSamples: three even nodes, a Redis probe and the generator, every second of the run. */
function clusterSamples(seconds: number): SyntheticSample[] {
  return Array.from({ length: seconds }, (_, second): SyntheticSample[] => {
    const rate = Math.min(CAPACITY, 40 * (Math.floor(second / 4) + 1));
    return [
      ...NODES.map((source, node): SyntheticSample => ({ kind: 'qdrant-metrics', source, second, data: { requestsTotal: 0, requestsPerSecond: rate / 3, failuresPerSecond: 0, collectionPoints: {}, residentMemoryBytes: 6e8 + node * 1e7 } })),
      // A local node's process is named by its URL's host:port, as vecstress names it.
      ...NODES.map((url, node): SyntheticSample => ({ kind: 'target-process', source: new URL(url).host, second, data: { pid: 100 + node, cpuPercent: Math.min(95, rate / 3), rssBytes: 6e8, openConnections: 20, readBytesPerSecond: 0, writeBytesPerSecond: 0 } })),
      { kind: 'redis-latency', source: 'redis', second, data: { samples: 95, minMs: 0.08, avgMs: 0.15, p50Ms: 0.13, p99Ms: 0.4, maxMs: 0.9 } },
      { kind: 'generator', source: 'generator', second, data: { engineCpuPercent: 30, nodeCpuPercent: 10, machineCpuPercent: 40, nodeRssBytes: 1.5e8, cores: 2, eventLoopLagMs: 1 } },
    ];
  }).flat();
}

/** PROGRESSIVE: ten 4-second steps from 40 to 400 req/s against a cluster that answers 250 req/s at most. */
const PROGRESSIVE: SyntheticRunSpec = {
  profile: 'progressive',
  form: 'lab',
  loadScale: 0.1,
  stages: Array.from({ length: 10 }, (_, i) => ({ name: `step ${i + 1}`, role: 'step' as const, seconds: 4, target: 40 * (i + 1) })),
  collections: [
    { name: 'mixtral', share: 0.5 },
    { name: 'deepcoder', share: 0.5, pattern: 'code_search' },
  ],
  load: (_second, stage) =>
    stage.endTarget <= CAPACITY
      ? { latencyMs: { p50: 4, p95: 9, p99: 14 }, serverMs: { p50: 2, p95: 5, p99: 8 } }
      : { dropped: stage.endTarget - CAPACITY, latencyMs: { p50: 300, p95: 800, p99: 950 }, serverMs: { p50: 20, p95: 60, p99: 90 }, errors: { timeout: 2 } },
  thresholds: { global: { latency: { p95: 20, p99: 50 }, errorRate: 0.01, throughput: 2000 }, ceilings: {}, profiles: {}, collections: { deepcoder: { latency: { p95: 30 } } } },
  nodes: NODES,
  samples: clusterSamples(40),
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function recordedRun(spec: SyntheticRunSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-run-'));
  dirs.push(dir);
  return writeRunFolder(join(dir, 'run'), syntheticRun(spec), { lateWindows: true });
}

const readAll = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));

describe('vecstress report', () => {
  const dir = recordedRun(PROGRESSIVE);

  it('rebuilds every report file from the raw data and exits with the verdict', async () => {
    const { code, out, err } = await runCli(['report', dir]);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {2}progressive/m);
    expect(out).toContain('wrote report.html, summary.md, junit.xml, steps.csv, timeseries.csv, summary.json');
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).verdict).toBe('fail');
    await expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatchFileSnapshot(goldenPath('recorded-progressive', 'summary.md'));
    await expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatchFileSnapshot(goldenPath('recorded-progressive', 'junit.xml'));
  });

  it('reproduces the same files byte for byte when run again', async () => {
    await runCli(['report', dir]);
    const first = readAll(dir);
    await runCli(['report', dir]);
    expect(readAll(dir)).toEqual(first);
  });

  it('judges the run again against another thresholds file', async () => {
    const loose = join(dir, '..', 'loose.yaml');
    writeFileSync(loose, 'global:\n  latency: { p95: 2s }\n  errorRate: 10%\n');
    const { code } = await runCli(['report', dir, '--thresholds', loose]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.thresholds.map((t: { metric: string; status: string }) => `${t.metric} ${t.status}`)).toEqual(['latency.p95 pass', 'errorRate pass']);
    // Nothing failed now, but arrivals were dropped past the breaking point: no pass either.
    expect([summary.verdict, code]).toEqual(['inconclusive', 4]);
    await runCli(['report', dir]);
  });

  it('exits 4 for a run interrupted before anything failed, which has no verdict', async () => {
    const interrupted = recordedRun({ ...PROGRESSIVE, seconds: 20 });
    const { code } = await runCli(['report', interrupted]);
    expect(code).toBe(4);
    expect(readFileSync(join(interrupted, 'summary.md'), 'utf8')).toMatch(/INCONCLUSIVE/);
  });

  it('exits 4 for a run folder whose generator samples were removed, and 0 with them', async () => {
    const calm: SyntheticRunSpec = { ...PROGRESSIVE, stages: PROGRESSIVE.stages.slice(0, 3), samples: clusterSamples(12), thresholds: { global: { errorRate: 0.01 }, ceilings: {}, profiles: {}, collections: {} } };
    expect((await runCli(['report', recordedRun(calm)])).code).toBe(0);
    const unwatched = recordedRun({ ...calm, samples: clusterSamples(12).filter((s) => s.kind !== 'generator') });
    expect((await runCli(['report', unwatched])).code).toBe(4);
  });

  it('exits 4, not 1, for a recovery cut short 3 s after the overload', async () => {
    const spike: SyntheticRunSpec = {
      ...PROGRESSIVE,
      profile: 'spike',
      stages: [
        { name: 'baseline', role: 'baseline', seconds: 8, target: 40 },
        { name: 'spike', role: 'overload', seconds: 4, target: 200 },
        { name: 'after', role: 'recovery', seconds: 20, target: 40 },
      ],
      load: (second) => (second < 8 ? {} : { latencyMs: { p50: 300, p95: 500 } }),
      thresholds: { global: { recovery: 60 }, ceilings: {}, profiles: {}, collections: {} },
      samples: clusterSamples(15),
      seconds: 15,
    };
    const { code, out } = await runCli(['report', recordedRun(spike)]);
    expect(code).toBe(4);
    expect(out).toContain('too short to judge');
  });

  it('exits 2 for a folder that is not a run folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vecstress-empty-'));
    dirs.push(empty);
    const { code, err } = await runCli(['report', empty]);
    expect(code).toBe(2);
    expect(err).toContain('is not a run folder: it has no run.json');
  });
});
