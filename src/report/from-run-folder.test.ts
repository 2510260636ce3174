import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../analysis/analyze.ts';
import { SUMMARY_SCHEMA_VERSION, type Summary } from '../analysis/summary-types.ts';
import { readRunFolder, RunFolderError } from '../runfolder/read.ts';
import { RUN_FILES } from '../runfolder/manifest.ts';
import { compareRuns } from './compare.ts';
import { summaryOf } from './from-run-folder.ts';

const RECORDED = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'runs', 'recorded-progressive-lab');
/** The summary.json vecstress wrote for that run folder before summary version 2: sentences beside the numbers. */
const V1_SUMMARY = join(import.meta.dirname, 'testdata', 'recorded-progressive.summary-v1.json');

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** baselineFolder is a copy of the recorded run folder holding the older summary.json, as an older vecstress left it. */
function baselineFolder(files: readonly string[] = [RUN_FILES.manifest, RUN_FILES.windows, RUN_FILES.samples, RUN_FILES.events]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-baseline-'));
  dirs.push(dir);
  for (const file of files) cpSync(join(RECORDED, file), join(dir, file));
  cpSync(V1_SUMMARY, join(dir, RUN_FILES.summary));
  return dir;
}

describe('summaryOf: a baseline written by an older vecstress', () => {
  const v1 = JSON.parse(readFileSync(V1_SUMMARY, 'utf8')) as Record<string, unknown> & Pick<Summary, 'totals' | 'steps' | 'latencyMs' | 'collections' | 'breakingPoint' | 'capacityModel' | 'fairness' | 'recall' | 'headroom'>;

  it('analyses a folder that kept a version 1 summary.json again from its raw files', () => {
    expect(v1.schemaVersion).toBe(1);
    const dir = baselineFolder();
    const summary = summaryOf(dir);
    expect(summary.schemaVersion).toBe(SUMMARY_SCHEMA_VERSION);
    expect(summary).toEqual(analyzeRun(readRunFolder(dir)));
  });

  it('finds the same numbers the version 1 analysis wrote, but for throughput, now goodput, and the capacity model fitted to it', () => {
    const summary = summaryOf(baselineFolder());
    const { totals } = v1;
    expect(summary.totals).toEqual({ ...totals, throughputRps: totals.ok / totals.seconds, completedRps: totals.throughputRps, droppedShare: 0, unservedRate: totals.errors / totals.scheduled });
    // Version 1 had okRps beside a throughput of completions; goodput is the throughput now.
    const v1Steps = v1.steps as unknown as Array<Summary['steps'][number] & { okRps: number }>;
    expect(summary.steps).toEqual(
      v1Steps.map(({ okRps, throughputRps, ...step }) => ({ ...step, throughputRps: okRps, completedRps: throughputRps, failedLatencyMs: null, droppedShare: 0, unservedRate: step.errorRate })),
    );
    // The recorded engine wrote protocol 1: where requests failed, ok latency is latency of all, and is said to be.
    expect(summary.latencyMs).toEqual(v1.latencyMs);
    expect(summary.missing).toContainEqual({ code: 'ok-latency-not-split', windows: expect.any(Number) });
    for (const [name, collection] of Object.entries(v1.collections)) expect(summary.collections[name]).toMatchObject(collection);
    const { stepIndex, capacityRps, signals, mode } = v1.breakingPoint;
    expect(summary.breakingPoint).toMatchObject({ stepIndex, capacityRps, signals, mode });
    expect(summary.capacityModel.points).toEqual(summary.steps.filter((s) => s.role === 'step').map((s) => ({ concurrency: s.concurrency, throughputRps: s.throughputRps })));
    expect(summary.fairness.shares).toEqual(v1.fairness.shares);
    expect(summary.recall.overall).toBe(v1.recall.overall);
    expect(summary.headroom.ratio).toBe(v1.headroom.ratio);
  });

  it('compares a current run with it like for like', () => {
    const comparison = compareRuns(summaryOf(baselineFolder()), summaryOf(RECORDED));
    expect(comparison.metrics.length).toBeGreaterThan(0);
    expect(comparison.metrics.every((m) => m.status === 'ok')).toBe(true);
  });

  it('refuses a version 1 summary.json whose raw windows are gone, and says why', () => {
    const dir = baselineFolder([RUN_FILES.manifest]);
    expect(() => summaryOf(dir)).toThrow(RunFolderError);
    expect(() => summaryOf(dir)).toThrow(/summary version 1 .* no windows to analyse again/);
  });

  it('reads a current summary.json whose raw windows are gone', () => {
    const dir = baselineFolder([RUN_FILES.manifest]);
    const current = analyzeRun(readRunFolder(RECORDED));
    writeFileSync(join(dir, RUN_FILES.summary), JSON.stringify(current));
    expect(summaryOf(dir)).toEqual(current);
  });
});
