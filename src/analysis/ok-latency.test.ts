import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadThresholds } from '../config/load.ts';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import { exactly, NO_THRESHOLDS, syntheticRun, type SecondLoad, type SyntheticRunSpec } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';

// Ok latency, goodput and the unserved rate, read from synthetic runs whose truth is known.

/** shedding: 100 req/s for 10 s; 60 of each second's arrivals are refused with a 503 in 1 ms, the other 40 answered in 25 ms. */
const shedding: SecondLoad = { errors: { status5xx: 60 }, latencyMs: exactly(25), failedLatencyMs: exactly(1) };
const limits = (global: ThresholdsDefinition['global'], collections: ThresholdsDefinition['collections'] = {}): ThresholdsDefinition => ({ ...NO_THRESHOLDS, global, collections });
const run = (spec: Partial<SyntheticRunSpec> & { load: () => SecondLoad }) => analyzeRun(syntheticRun({ profile: 'baseline', stages: [{ seconds: 10, target: 100, role: 'load' }], ...spec }));

describe('ok latency', () => {
  it('is the latency of the ok responses alone, with the failed ones beside it', () => {
    const summary = run({ load: () => shedding, thresholds: limits({ latency: { p50: 20 } }) });
    expect(summary.latencyMs).toMatchObject({ count: 400, p50: expect.closeTo(25, 1) });
    expect(summary.failedLatencyMs).toMatchObject({ count: 600, p50: expect.closeTo(1, 1), max: expect.closeTo(1, 1) });
    // All completions together would read p50 1 ms and pass; the ok ones are slower than the limit.
    expect(summary.thresholds).toMatchObject([{ metric: 'latency.p50', status: 'fail', value: expect.closeTo(25, 1) }]);
    expect(summary.missing.some((m) => m.code === 'ok-latency-not-split')).toBe(false);
  });

  it('is goodput, not completions, that counts as throughput', () => {
    const summary = run({ load: () => shedding });
    expect(summary.totals).toMatchObject({ throughputRps: 40, completedRps: 100, ok: 400, completed: 1000, errorRate: 0.6 });
  });

  describe('in a folder of an engine before protocol 2 (one latency for all requests)', () => {
    it('falls back to the latency of all requests where some failed, says so, and judges no latency limit on it', () => {
      const summary = run({ protocol: 1, load: () => shedding, thresholds: limits({ latency: { p95: 30 } }) });
      expect(summary.latencyMs).toMatchObject({ count: 1000, p50: expect.closeTo(1, 1) });
      expect(summary.failedLatencyMs).toBeNull();
      expect(summary.missing).toContainEqual({ code: 'ok-latency-not-split', windows: 10 });
      expect(summary.thresholds).toMatchObject([{ metric: 'latency.p95', status: 'no-data', reason: 'ok-latency-not-split', value: expect.closeTo(25, 0) }]);
      expect(summary.verdict).toBe('inconclusive');
    });

    it('knows the ok latency exactly where every request was ok', () => {
      const summary = run({ protocol: 1, load: () => ({ latencyMs: exactly(8) }), thresholds: limits({ latency: { p95: 30 } }) });
      expect(summary.latencyMs).toMatchObject({ count: 1000, p95: expect.closeTo(8, 1) });
      expect(summary.missing.some((m) => m.code === 'ok-latency-not-split')).toBe(false);
      expect(summary.thresholds).toMatchObject([{ status: 'pass' }]);
    });

    it('knows the failed latency exactly where every request failed', () => {
      const summary = run({ protocol: 1, load: () => ({ errors: { timeout: 100 }, latencyMs: exactly(900) }) });
      expect(summary.latencyMs).toBeNull();
      expect(summary.failedLatencyMs).toMatchObject({ count: 1000, p50: expect.closeTo(900, -1) });
    });
  });
});

describe('the unserved rate', () => {
  // 100 arrivals a second: 3 dropped at the in-flight bound, 2 of the 97 sent fail.
  const leaky = (): SecondLoad => ({ dropped: 3, errors: { status5xx: 2 } });

  it('counts failures and drops over the arrivals scheduled, beside the dropped share and the error rate', () => {
    const summary = run({ load: leaky });
    expect(summary.totals.droppedShare).toBeCloseTo(0.03, 6);
    expect(summary.totals.unservedRate).toBeCloseTo(0.05, 6);
    expect(summary.totals.errorRate).toBeCloseTo(2 / 97, 6);
    expect(summary.steps[0]).toMatchObject({ droppedShare: expect.closeTo(0.03, 6), unservedRate: expect.closeTo(0.05, 6) });
  });

  it('is a threshold metric, for the run and for a collection', () => {
    const failing = run({ load: leaky, thresholds: limits({ errorRate: 0.03, unserved: 0.04 }, { main: { unserved: 0.06 } }) });
    expect(failing.thresholds).toMatchObject([
      { metric: 'errorRate', status: 'pass' },
      { metric: 'unserved', scope: 'global', comparison: 'at-most', unit: 'ratio', limit: 0.04, value: expect.closeTo(0.05, 6), status: 'fail' },
      { metric: 'unserved', scope: 'collection:main', limit: 0.06, status: 'pass' },
    ]);
    expect(failing.verdict).toBe('fail');
  });

  it('is no data, never a pass, when nothing was scheduled', () => {
    const summary = run({ seconds: 0, load: leaky, thresholds: limits({ unserved: 0.04 }) });
    expect(summary.thresholds).toMatchObject([{ metric: 'unserved', status: 'no-data', reason: 'no-requests' }]);
  });
});

describe('thresholds.yaml: unserved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-unserved-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (yaml: string) => {
    const file = join(dir, 'thresholds.yaml');
    writeFileSync(file, yaml);
    return loadThresholds(file, ['baseline'], ['main']);
  };

  it('is read as a percentage, globally, per profile and per collection', () => {
    const thresholds = load('global:\n  unserved: 2%\nprofiles:\n  baseline: { unserved: 5% }\ncollections:\n  main: { unserved: 1.5% }\n');
    expect([thresholds.global.unserved, thresholds.profiles.baseline!.unserved, thresholds.collections.main!.unserved]).toEqual([0.02, 0.05, 0.015]);
  });

  it('names the file, line and field of a value out of range', () => {
    expect(() => load('global:\n  errorRate: 1%\n  unserved: 120%\n')).toThrow(/thresholds\.yaml.*3.*unserved.*between 0% and 100%/s);
  });
});
