import { describe, expect, it } from 'vitest';
import { NO_THRESHOLDS, syntheticRun, type SecondLoad } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';

// A spike run: warm-up 0–4, baseline 5–24 at 40 req/s, overload 25–34 at 400 req/s, then back
// to 40 req/s from second 35 (the end of the overload) to 74.
const OVERLOAD_END = 35;
const SPIKE_STAGES = [
  { name: 'ramp-up', role: 'warmup' as const, seconds: 5, target: 40, startTarget: 4 },
  { name: 'baseline', role: 'baseline' as const, seconds: 20, target: 40 },
  { name: 'spike', role: 'overload' as const, seconds: 10, target: 400 },
  { name: 'after', role: 'recovery' as const, seconds: 40, target: 40 },
];
const NORMAL: SecondLoad = { latencyMs: { p50: 6, p95: 10 } };
const OVERLOADED: SecondLoad = { latencyMs: { p50: 300, p95: 500 }, errors: { timeout: 40 } };

/** spike runs the spike profile; `after(t)` is how second t after the overload's end behaved. */
function spike(after: (t: number) => SecondLoad, options: { seconds?: number; recoveryLimit?: number } = {}) {
  return analyzeRun(
    syntheticRun({
      profile: 'spike',
      stages: SPIKE_STAGES,
      seconds: options.seconds,
      load: (second) => (second < 25 ? NORMAL : second < OVERLOAD_END ? OVERLOADED : after(second - OVERLOAD_END)),
      thresholds: { ...NO_THRESHOLDS, global: options.recoveryLimit === undefined ? {} : { recovery: options.recoveryLimit } },
    }),
  );
}

const slowFor = (seconds: number) => (t: number): SecondLoad => (t < seconds ? { latencyMs: { p50: 200, p95: 300 } } : NORMAL);

describe('recovery', () => {
  it('is the time from the end of the overload until p95 and errors are back near the baseline', () => {
    const summary = spike(slowFor(7), { recoveryLimit: 60 });
    expect(summary.recovery).toMatchObject({ applicable: true, measured: true, seconds: 7, overloadEndSecond: 35, recoveredAtSecond: 42, holdSeconds: 10 });
    expect(summary.recovery.baselineP95Ms).toBeCloseTo(10, 0);
    expect(summary.recovery.worstP95Ms).toBeCloseTo(500, -1);
    expect(summary.recovery.baselineErrorRate).toBe(0);
    expect(summary.recovery.worstErrorRate).toBeCloseTo(0.1, 2);
    expect(summary.recovery).toMatchObject({ code: 'recovered', baselineStepIndex: 1, errorRateLimit: 0.01 });
    // The baseline's p95 × 1.5, or + 5 ms when that is larger.
    const baselineP95 = summary.recovery.baselineP95Ms!;
    expect(summary.recovery.p95LimitMs).toBeCloseTo(Math.max(baselineP95 * 1.5, baselineP95 + 5), 6);
    expect(summary.thresholds.find((t) => t.metric === 'recoverySeconds')).toMatchObject({ status: 'pass', value: 7, limit: 60, reason: 'recovery' });
  });

  it('starts the hold again after a second that falls back, so a bounce is not a recovery', () => {
    const bounce = (t: number): SecondLoad => (t < 5 || t === 9 ? { latencyMs: { p50: 200, p95: 300 } } : NORMAL);
    expect(spike(bounce).recovery.seconds).toBe(10);
  });

  it('waits for the error rate as well as the latency', () => {
    const errorsLinger = (t: number): SecondLoad => (t < 12 ? { ...NORMAL, errors: { status5xx: 4 } } : NORMAL);
    expect(spike(errorsLinger).recovery.seconds).toBe(12);
  });

  it('says "not recovered within the run" when latency never comes back, and fails the recovery threshold', () => {
    const summary = spike(() => ({ latencyMs: { p50: 200, p95: 300 } }), { recoveryLimit: 60 });
    expect(summary.recovery).toMatchObject({ measured: true, seconds: null, recoveredAtSecond: null });
    expect(summary.recovery).toMatchObject({ code: 'not-recovered', watchedSeconds: 40 });
    expect(summary.thresholds.find((t) => t.metric === 'recoverySeconds')).toMatchObject({ status: 'fail', value: null });
    expect(summary.verdict).toBe('fail');
  });

  it('counts only a hold that completes within the run', () => {
    // Back 35 s after the overload: the run ends 5 s later, before 10 s of hold.
    expect(spike(slowFor(35)).recovery).toMatchObject({ measured: true, seconds: null });
  });

  it('is not measured when the run stopped during the overload, and the threshold has no data', () => {
    const summary = spike(slowFor(0), { seconds: 30, recoveryLimit: 60 });
    expect(summary.recovery).toMatchObject({ applicable: true, measured: false, seconds: null });
    expect(summary.thresholds.find((t) => t.metric === 'recoverySeconds')).toMatchObject({ status: 'no-data' });
    expect(summary.missing).toContainEqual({ code: 'recovery-not-measured', recovery: 'stopped-before-overload-end' });
    expect(summary.verdict).toBe('inconclusive');
  });

  it('does not apply to a profile without an overload, and adds no recovery threshold', () => {
    const summary = analyzeRun(syntheticRun({ stages: [{ seconds: 10, target: 100 }, { seconds: 10, target: 200 }], thresholds: { ...NO_THRESHOLDS, global: { recovery: 60 } } }));
    expect(summary.recovery).toMatchObject({ applicable: false, measured: false });
    expect(summary.thresholds.map((t) => t.metric)).not.toContain('recoverySeconds');
  });
});
