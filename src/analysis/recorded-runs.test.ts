import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/paths.ts';
import { ERROR_CLASSES } from '../runfolder/engine-lines.ts';
import { readRunFolder } from '../runfolder/read.ts';
import { analyzeRun } from './analyze.ts';
import type { LatencySummary } from './summary-types.ts';
import { buildTimeseries } from './timeseries.ts';

// The run folders in test/fixtures/runs/, read from disk as `vecstress report` would: the
// synthetic ones written by test/helpers/write-fixtures.ts, and recorded lab runs.
const RUNS_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'runs');
const folders = readdirSync(RUNS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const analyze = (name: string) => analyzeRun(readRunFolder(join(RUNS_DIR, name)));

describe.each(folders)('the run folder %s', (name) => {
  const run = readRunFolder(join(RUNS_DIR, name));
  const summary = analyzeRun(run);

  it('keeps the window contract: ok plus every error class makes completed', () => {
    for (const w of run.windows) expect(w.ok + ERROR_CLASSES.reduce((sum, cls) => sum + w.errors[cls], 0)).toBe(w.completed);
  });

  it('has percentiles in order wherever latency was measured', () => {
    const ordered = (l: LatencySummary | null) => l === null || (l.min <= l.p50 && l.p50 <= l.p90 && l.p90 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.max);
    expect(ordered(summary.latencyMs)).toBe(true);
    for (const step of summary.steps) expect(ordered(step.latencyMs), step.name).toBe(true);
  });

  it('lines its steps up with the plan', () => {
    for (const step of summary.steps) {
      const stage = run.manifest.plan.stages[step.index]!;
      expect([step.name, step.startSecond, step.endSecond]).toEqual([stage.name, stage.startSecond, stage.startSecond + stage.durationSeconds]);
    }
  });

  it('writes a summary that survives JSON as it is (no NaN, no Infinity)', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('gives reasons for any verdict but a pass', () => {
    expect(summary.verdictReasons.length > 0).toBe(summary.verdict !== 'pass');
  });

  it('has one timeseries row per second recorded', () => {
    const lastSecond = Math.max(...run.windows.map((w) => w.second), ...run.ticks.map((t) => t.second));
    expect(buildTimeseries(run)).toHaveLength(lastSecond + 1);
  });
});

describe('what the analysis reads from a recorded lab run', () => {
  // `npm run stress -- --profile progressive` against the embedded lab (3 stand-in nodes,
  // 2000 points per collection) on the 2-core development machine: 40 → 800 req/s in 20 steps of 4 s.
  it('recorded-progressive-lab: breaks on latency at 480 req/s, 440 req/s sustained, degrading gracefully', () => {
    const summary = analyze('recorded-progressive-lab');
    expect(summary.breakingPoint).toMatchObject({ found: true, offered: 480, signal: 'latency', mode: 'graceful' });
    expect(summary.breakingPoint.capacityRps).toBeCloseTo(440, -1);
    expect(summary.verdict).toBe('fail');
    expect(summary.totals.requests).toBe(33_600);
    for (const collection of Object.values(summary.collections)) expect(Math.abs(collection.share - collection.expectedShare)).toBeLessThan(0.005);
    expect(summary.fairness.coefficientOfVariation!).toBeLessThan(0.05);
    expect(summary.recall.overall).toBe(1);
    expect(summary.integrity.ok).toBe(true);
    expect(summary.generator.saturated).toBe(false);
  });
});

describe('what the analysis reads from the synthetic fixtures', () => {
  it('progressive-lab: breaks at 280 req/s on latency, past a 250 req/s ceiling, gracefully', () => {
    const summary = analyze('progressive-lab');
    // Past the ceiling the fixture drops the excess arrivals: 30 of 280 is more than a good step may drop.
    expect(summary.breakingPoint).toMatchObject({ found: true, offered: 280, signal: 'latency', signals: ['latency', 'drops', 'saturation', 'knee'], mode: 'graceful', lastGoodStepIndex: 5 });
    expect(summary.breakingPoint.capacityRps).toBeCloseTo(240, 0);
    expect(summary.headroom).toMatchObject({ targetRps: 800, capacityRps: summary.breakingPoint.capacityRps, capacityIsLowerBound: false });
    expect(summary.headroom).toMatchObject({ code: 'below-target', ratio: expect.closeTo(0.3, 2) });
    expect(summary.capacityModel.fitted).toBe(true);
    expect(summary.fairness.coefficientOfVariation).toBeCloseTo(0, 6);
    expect(summary.collections.deepcoder!.share).toBeCloseTo(0.3, 2);
    expect(summary.recall.overall).toBeGreaterThan(0.94);
    expect(summary.integrity.ok).toBe(true);
    expect(summary.verdict).toBe('fail');
  });

  it('spike-lab: recovers 6 s after the spike ends, within the 60 s limit', () => {
    const summary = analyze('spike-lab');
    expect(summary.recovery).toMatchObject({ measured: true, seconds: 6, overloadEndSecond: 29 });
    expect(summary.thresholds.find((t) => t.metric === 'recoverySeconds')).toMatchObject({ status: 'pass', value: 6 });
  });

  it('baseline-interrupted: keeps what was recorded before the cut, and calls the run inconclusive', () => {
    const run = readRunFolder(join(RUNS_DIR, 'baseline-interrupted'));
    expect(run.end).toBeNull();
    expect(run.problems).toEqual([expect.stringContaining('the last line is cut off')]);
    const summary = analyzeRun(run);
    expect(summary).toMatchObject({ complete: false, verdict: 'inconclusive', durationSeconds: 12 });
    expect(summary.totals.seconds).toBe(9);
    expect(summary.verdictReasons[0]).toEqual({ code: 'incomplete', exitReason: 'interrupted', abortReason: null });
  });
});
