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

  it('finds the same numbers the version 1 analysis wrote: only where the words are made moved', () => {
    const summary = summaryOf(baselineFolder());
    expect(summary.totals).toEqual(v1.totals);
    expect(summary.steps).toEqual(v1.steps);
    expect(summary.latencyMs).toEqual(v1.latencyMs);
    expect(summary.collections).toEqual(v1.collections);
    const { stepIndex, capacityRps, signals, mode } = v1.breakingPoint;
    expect(summary.breakingPoint).toMatchObject({ stepIndex, capacityRps, signals, mode });
    const { sigma, kappa, lambda, rSquared, peakConcurrency, peakThroughputRps } = v1.capacityModel;
    expect(summary.capacityModel).toMatchObject({ sigma, kappa, lambda, rSquared, peakConcurrency, peakThroughputRps });
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
