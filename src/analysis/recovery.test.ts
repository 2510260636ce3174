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

  it('lets one lone noisy second inside the hold pass, so the machine’s noise does not move recovery', () => {
    // The stall ends 6 s after the overload; 3 s later one second reads p95 20 ms (the generator, not the target).
    const noisy = (t: number): SecondLoad => (t < 6 ? { latencyMs: { p50: 200, p95: 300 } } : t === 9 ? { latencyMs: { p50: 8, p95: 20 } } : NORMAL);
    expect(spike(noisy).recovery).toMatchObject({ code: 'recovered', seconds: 6, outlierSeconds: 1 });
  });

  it('starts the hold again after a second outlier, so a target that keeps bouncing has not recovered', () => {
    const bounce = (t: number): SecondLoad => (t < 5 || t === 8 || t === 11 ? { latencyMs: { p50: 200, p95: 300 } } : NORMAL);
    expect(spike(bounce).recovery.seconds).toBe(9);
  });

  it('never opens the hold with an outlier: recovery is the first second that is back', () => {
    const oneLate = (t: number): SecondLoad => (t < 5 || t === 6 ? { latencyMs: { p50: 200, p95: 300 } } : NORMAL);
    expect(spike(oneLate).recovery.seconds).toBe(5);
    const startsSlow = (t: number): SecondLoad => (t < 5 ? { latencyMs: { p50: 200, p95: 300 } } : NORMAL);
    expect(spike(startsSlow).recovery.seconds).toBe(5);
  });

  it('is never back in a second that dropped more than 2 % of its arrivals, fast as its answers were', () => {
    // 40 arrivals a second: 4 dropped is 10 %, over the rule; the one with drops is not excused as an outlier either.
    const dropping = (t: number): SecondLoad => (t < 8 ? { ...NORMAL, dropped: 4 } : t === 12 ? { ...NORMAL, dropped: 4 } : NORMAL);
    expect(spike(dropping).recovery).toMatchObject({ code: 'recovered', seconds: 13, droppedShareLimit: 0.02 });
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

  it('is not judged when fewer seconds than the hold were recorded after the overload: inconclusive, never a fail', () => {
    // Interrupted 3 s after the overload, still slow: the run cannot tell whether it would have come back.
    const summary = spike(slowFor(40), { seconds: OVERLOAD_END + 3, recoveryLimit: 60 });
    expect(summary.recovery).toMatchObject({ applicable: true, measured: false, code: 'too-short', watchedSeconds: 3, seconds: null });
    expect(summary.thresholds.find((t) => t.metric === 'recoverySeconds')).toMatchObject({ status: 'no-data' });
    expect(summary.missing).toContainEqual({ code: 'recovery-not-measured', recovery: 'too-short' });
    expect(summary.verdict).toBe('inconclusive');
  });

  it('does not apply to a profile without an overload, and adds no recovery threshold', () => {
    const summary = analyzeRun(syntheticRun({ stages: [{ seconds: 10, target: 100 }, { seconds: 10, target: 200 }], thresholds: { ...NO_THRESHOLDS, global: { recovery: 60 } } }));
    expect(summary.recovery).toMatchObject({ applicable: false, measured: false });
    expect(summary.thresholds.map((t) => t.metric)).not.toContain('recoverySeconds');
  });
});
