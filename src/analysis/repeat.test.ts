import { describe, expect, it } from 'vitest';
import { calmGeneratorSamples, NO_THRESHOLDS, syntheticRun } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';
import { spreadOf, summarizeRepeat } from './repeat.ts';
import type { Summary } from './summary-types.ts';

/** runAt is a 10 s run at 40 req/s answered with p95 `p95` ms, held to a p95 limit of 12 ms. */
const runAt = (p95: number, runId: string): Summary => ({
  ...analyzeRun(
    syntheticRun({
      stages: [{ seconds: 10, target: 40 }],
      load: () => ({ latencyMs: { p50: p95 / 2, p95 } }),
      thresholds: { ...NO_THRESHOLDS, global: { latency: { p95: 12 } } },
      samples: calmGeneratorSamples(10),
    }),
  ),
  runId,
});

describe('spreadOf', () => {
  it('gives the median, min, max and coefficient of variation of the values present', () => {
    // mean 12, sample standard deviation 2: CV 1/6.
    expect(spreadOf([10, 14, 12])).toEqual({ runs: 3, missing: 0, median: 12, min: 10, max: 14, coefficientOfVariation: 2 / 12 });
    expect(spreadOf([10, null, 20, 30, 40])).toMatchObject({ runs: 4, missing: 1, median: 25 });
    expect(spreadOf([7])).toEqual({ runs: 1, missing: 0, median: 7, min: 7, max: 7, coefficientOfVariation: null });
    expect(spreadOf([null, null])).toEqual({ runs: 0, missing: 2, median: null, min: null, max: null, coefficientOfVariation: null });
  });
});

describe('summarizeRepeat', () => {
  it('lists every run and takes the verdict from the median run, so one noisy run does not decide it', () => {
    const repeat = summarizeRepeat('r-repeat', 3, 1, [runAt(10, 'a'), runAt(20, 'b'), runAt(11, 'c')]);
    expect(repeat.runs.map((r) => [r.runId, r.verdict])).toEqual([['a', 'pass'], ['b', 'fail'], ['c', 'pass']]);
    expect(repeat).toMatchObject({ verdict: 'pass', verdicts: { pass: 2, fail: 1, inconclusive: 0 }, complete: true, seedPolicy: 'same-seed', seed: 1 });
    expect(repeat.figures.p95Ms.median).toBeCloseTo(11, 0);
    expect(repeat.figures.p95Ms.max).toBeCloseTo(20, 0);
    expect(repeat.figures.recoverySeconds).toMatchObject({ runs: 0, missing: 3 });
  });

  it('takes the worse middle verdict for an even count, and fails when most runs fail', () => {
    expect(summarizeRepeat('r', 2, 1, [runAt(10, 'a'), runAt(20, 'b')]).verdict).toBe('fail');
    expect(summarizeRepeat('r', 3, 1, [runAt(20, 'a'), runAt(20, 'b'), runAt(10, 'c')]).verdict).toBe('fail');
  });

  it('is inconclusive when it stopped before every run was made', () => {
    expect(summarizeRepeat('r', 3, 1, [runAt(10, 'a'), runAt(10, 'b')])).toMatchObject({ complete: false, verdict: 'inconclusive' });
  });
});
