import { describe, expect, it } from 'vitest';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import { exactly, NO_THRESHOLDS, syntheticRun, type SecondLoad, type SyntheticSample } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';

const STEP_SECONDS = 10;
const range = (from: number, to: number, by: number): number[] => Array.from({ length: Math.floor((to - from) / by) + 1 }, (_, i) => from + i * by);

/**
 * progressive builds an open-model run of 10-second steps at the given offered rates; `behaviour`
 * says what the cluster did each second of a step at that offered rate.
 */
function progressive(offered: number[], behaviour: (offered: number, second: number) => SecondLoad, options: { thresholds?: ThresholdsDefinition; samples?: SyntheticSample[] } = {}) {
  return analyzeRun(
    syntheticRun({
      stages: offered.map((target) => ({ seconds: STEP_SECONDS, target })),
      load: (second, stage) => behaviour(stage.endTarget, second),
      ...options,
    }),
  );
}

/** capped answers up to `capacity` req/s in 10 ms; past it the rest queue unanswered (sent, not completed) and latency climbs. */
const capped = (capacity: number) => (offered: number): SecondLoad =>
  offered <= capacity ? { latencyMs: 10 } : { completed: capacity, latencyMs: { p50: 120, p95: 150, p99: 180 } };

const limits = (global: ThresholdsDefinition['global'], ceilings: ThresholdsDefinition['ceilings'] = {}): ThresholdsDefinition => ({ ...NO_THRESHOLDS, global, ceilings });

describe('breaking point', () => {
  it('finds a clean knee at the first step past capacity, before the shortfall reaches the saturation tolerance', () => {
    // 600 req/s capacity; steps of 50: at 650 offered, 600 answered is only 7.7 % short.
    const summary = progressive(range(500, 1000, 50), capped(600));
    expect(summary.breakingPoint).toMatchObject({ applicable: true, found: true, stepIndex: 3, offered: 650, signal: 'knee', mode: 'graceful', lastGoodStepIndex: 2 });
    expect(summary.breakingPoint.capacityRps).toBeCloseTo(600, 0);
    expect(summary.breakingPoint).toMatchObject({ code: 'broke', evidence: [{ signal: 'knee', kneeStepIndex: 2 }] });
  });

  it('calls a throughput more than 10 % short of the offered rate saturation', () => {
    const summary = progressive(range(100, 1000, 100), capped(600));
    expect(summary.breakingPoint).toMatchObject({ found: true, offered: 700, signal: 'saturation', signals: ['saturation', 'knee'] });
    const [saturation] = summary.breakingPoint.evidence;
    expect(saturation).toMatchObject({ signal: 'saturation', offeredRps: 700 });
    if (saturation?.signal !== 'saturation') throw new Error('saturation first');
    expect(saturation.throughputRps).toBeCloseTo(600, 0);
    expect(saturation.shortfall).toBeCloseTo(1 / 7, 2);
  });

  it('names latency first when p95 passes its limit at the same step', () => {
    const summary = progressive(range(100, 1000, 100), capped(600), { thresholds: limits({ latency: { p95: 50 } }) });
    expect(summary.breakingPoint).toMatchObject({ offered: 700, signal: 'latency', signals: ['latency', 'saturation', 'knee'] });
    expect(summary.breakingPoint.evidence[0]).toMatchObject({ signal: 'latency', percentile: 'p95', limitMs: 50, valueMs: expect.closeTo(150, -1) });
  });

  it('finds a latency break while throughput still keeps up, and calls it graceful', () => {
    const summary = progressive(range(100, 1000, 100), (offered) => ({ latencyMs: offered >= 800 ? { p50: 40, p95: 90 } : 10 }), {
      thresholds: limits({ latency: { p95: 50 } }),
    });
    expect(summary.breakingPoint).toMatchObject({ found: true, offered: 800, signal: 'latency', signals: ['latency'], mode: 'graceful' });
    expect(summary.breakingPoint.capacityRps).toBeCloseTo(700, 0);
  });

  it('tells a collapse, where ok responses fall off a cliff, from graceful degradation', () => {
    // Past 600 req/s, timeouts take over: at 800 offered only 150 are answered ok.
    const collapsing = (offered: number): SecondLoad =>
      offered <= 600 ? { latencyMs: 10 } : { errors: { timeout: offered - (offered >= 800 ? 150 : 450) }, latencyMs: { p50: 5000, p95: 10_000 } };
    const summary = progressive(range(100, 1000, 100), collapsing, { thresholds: limits({ errorRate: 0.01 }) });
    expect(summary.breakingPoint).toMatchObject({ found: true, offered: 700, signal: 'errors', mode: 'collapse' });
    expect(summary.breakingPoint.degradation).toMatchObject({ worstStepIndex: 7, worstOkRps: expect.closeTo(150, 0), referenceOkRps: expect.closeTo(600, 0), okRatio: expect.closeTo(0.25, 2) });
  });

  it('calls rising errors graceful while ok responses per second hold', () => {
    // 5 % errors past 600 req/s, but the cluster still answers 600/s and more ok.
    const degrading = (offered: number): SecondLoad => (offered <= 600 ? { latencyMs: 10 } : { errors: { status5xx: Math.round(offered * 0.05) }, latencyMs: 30 });
    const summary = progressive(range(100, 1000, 100), degrading, { thresholds: limits({ errorRate: 0.01 }) });
    expect(summary.breakingPoint).toMatchObject({ offered: 700, signal: 'errors', mode: 'graceful' });
  });

  describe('one noisy second', () => {
    // Second 25 sits in the steady state of step 3 (seconds 21–29).
    const noisy = (badSeconds: number[]) => (_offered: number, second: number): SecondLoad =>
      badSeconds.includes(second) ? { errors: { status5xx: 150 }, latencyMs: { p50: 1500, p95: 2000, p99: 2000 } } : { latencyMs: 10 };
    const strict = limits({ latency: { p95: 20, p99: 50 }, errorRate: 0.01 });

    it('does not make a breaking point, although it pushes the step’s p99 and error rate over their limits', () => {
      const summary = progressive(range(100, 1000, 100), noisy([25]), { thresholds: strict });
      expect(summary.steps[2]!.latencyMs!.p99).toBeGreaterThan(50);
      expect(summary.steps[2]!.errorRate).toBeGreaterThan(0.01);
      expect(summary.breakingPoint).toMatchObject({ applicable: true, found: false, signal: null });
      expect(summary.breakingPoint).toMatchObject({ code: 'held', topStepIndex: 9, evidence: [] });
    });

    it('but two bad seconds in the same step do', () => {
      const summary = progressive(range(100, 1000, 100), noisy([24, 27]), { thresholds: strict });
      // Half of those seconds' arrivals failed: goodput over the 9 steady seconds is 267 of 300 offered, 11 % short.
      expect(summary.breakingPoint).toMatchObject({ found: true, stepIndex: 2, signal: 'latency', signals: ['latency', 'errors', 'saturation'] });
    });
  });

  describe('goodput, not completions', () => {
    // Past 600 req/s the cluster refuses the excess with 503s in 1 ms and answers the rest in 10 ms.
    const shedding = (offered: number): SecondLoad => ({ errors: { status5xx: Math.max(0, offered - 600) }, latencyMs: 10, failedLatencyMs: exactly(1) });

    it('finds the saturation a fast refusal hides from the completions, and the capacity in ok responses', () => {
      const summary = progressive(range(100, 1000, 100), shedding);
      expect(summary.steps[6]!.completedRps).toBeCloseTo(700, 0);
      expect(summary.steps[6]!.throughputRps).toBeCloseTo(600, 0);
      expect(summary.breakingPoint).toMatchObject({ found: true, offered: 700, signal: 'saturation', lastGoodStepIndex: 5 });
      expect(summary.breakingPoint.capacityRps).toBeCloseTo(600, 0);
    });

    it('reads the latency of the ok responses, which the fast refusals cannot pull down', () => {
      const summary = progressive(range(100, 1000, 100), shedding);
      const top = summary.steps[9]!;
      // 600 answered in 10 ms, 400 refused in 1 ms: all completions together would have p50 near 10 ms but p10 at 1 ms.
      expect(top.latencyMs!.p50).toBeCloseTo(10, 0);
      expect(top.latencyMs!.min).toBeGreaterThanOrEqual(6);
      expect(top.failedLatencyMs).toMatchObject({ count: 9 * 400, p50: expect.closeTo(1, 1), max: expect.closeTo(1, 1) });
    });

    it('fits the capacity model to goodput, and passes no latency limit, when the cluster only refuses', () => {
      const refusing = progressive(range(100, 1000, 100), (offered) => ({ errors: { status5xx: offered }, latencyMs: exactly(1) }), { thresholds: limits({ latency: { p95: 5 } }) });
      expect(refusing.capacityModel).toMatchObject({ fitted: false, code: 'too-few-points', points: [] });
      expect(refusing.latencyMs).toBeNull();
      expect(refusing.failedLatencyMs?.p95).toBeCloseTo(1, 1);
      expect(refusing.thresholds).toMatchObject([{ metric: 'latency.p95', status: 'no-data', reason: 'no-latency' }]);
      expect(refusing.verdict).not.toBe('pass');
      expect(refusing.totals).toMatchObject({ throughputRps: 0, ok: 0 });
      expect(refusing.totals.completedRps).toBeGreaterThan(0);
    });
  });

  describe('dropped arrivals', () => {
    // Every arrival sent is answered ok in 10 ms; from 400 req/s on, some are dropped at the in-flight bound.
    const dropping = (share: number) => (offered: number): SecondLoad => ({ dropped: offered >= 400 ? Math.round(offered * share) : 0, latencyMs: 10 });

    it('make a step that dropped more than 1 % of its arrivals the breaking step, never the last good one', () => {
      const summary = progressive(range(100, 1000, 100), dropping(0.02));
      expect(summary.steps[3]!.droppedShare).toBeCloseTo(0.02, 3);
      expect(summary.steps[3]!.unservedRate).toBeCloseTo(0.02, 3);
      expect(summary.steps[3]!.errorRate).toBe(0);
      expect(summary.breakingPoint).toMatchObject({ found: true, stepIndex: 3, signal: 'drops', lastGoodStepIndex: 2, evidence: [{ signal: 'drops', droppedShare: expect.closeTo(0.02, 3), limit: 0.01 }] });
    });

    it('leave a step that dropped 1 % or less good', () => {
      const summary = progressive(range(100, 1000, 100), dropping(0.005));
      expect(summary.steps[3]!.droppedShare).toBeCloseTo(0.005, 3);
      expect(summary.breakingPoint).toMatchObject({ found: false, code: 'held' });
    });
  });

  it('finds the knee of a closed-model run, where the load is virtual users', () => {
    // Each user sends 50 req/s until 50 users saturate the cluster at 2500 req/s; latency = users / throughput.
    const summary = analyzeRun(
      syntheticRun({
        model: 'closed',
        stages: range(10, 100, 10).map((users) => ({ seconds: STEP_SECONDS, target: users })),
        load: (_second, stage) => {
          const throughput = Math.min(stage.endTarget * 50, 2500);
          return { completed: throughput, latencyMs: exactly((1000 * stage.endTarget) / throughput) };
        },
      }),
    );
    expect(summary.breakingPoint).toMatchObject({ found: true, offered: 60, offeredUnit: 'vus', signal: 'knee', signals: ['knee'] });
    expect(summary.breakingPoint.capacityRps).toBeCloseTo(2500, 0);
    // Little's law gives the users back: 500 req/s × 20 ms = 10 in flight.
    expect(summary.steps[0]!.concurrency).toBeCloseTo(10, 1);
  });

  it('finds a node over its CPU ceiling from the busiest node’s mean over the step', () => {
    const cpu: SyntheticSample[] = range(0, 99, 1).flatMap((second) =>
      ['node1', 'node2'].map((source) => ({ kind: 'target-process', source, second, data: { pid: 1, cpuPercent: source === 'node2' && second >= 40 ? 97 : 50, rssBytes: 1e9, openConnections: 10, readBytesPerSecond: 0, writeBytesPerSecond: 0 } }) as SyntheticSample),
    );
    const summary = progressive(range(100, 1000, 100), () => ({ latencyMs: 10 }), { thresholds: limits({}, { cpu: 0.95 }), samples: cpu });
    expect(summary.breakingPoint).toMatchObject({ found: true, stepIndex: 4, signal: 'resource' });
    expect(summary.breakingPoint.evidence).toEqual([{ signal: 'resource', over: [{ resource: 'cpu', value: expect.closeTo(0.97, 3), ceiling: 0.95, unit: 'ratio' }] }]);
  });

  it('searches a spike’s baseline and overload, but measures no capacity from two distant load levels', () => {
    const summary = analyzeRun(
      syntheticRun({
        profile: 'spike',
        stages: [
          { name: 'baseline', role: 'baseline', seconds: 10, target: 40 },
          { name: 'spike', role: 'overload', seconds: 10, target: 400 },
          { name: 'after', role: 'recovery', seconds: 10, target: 40 },
        ],
        load: (second) => ({ latencyMs: second >= 10 && second < 20 ? 400 : 5 }),
        thresholds: limits({ latency: { p95: 20 }, throughput: 100 }),
      }),
    );
    expect(summary.breakingPoint).toMatchObject({ found: true, stepIndex: 1, signal: 'latency', lastGoodStepIndex: 0 });
    expect(summary.headroom).toMatchObject({ targetRps: 100, capacityRps: null, ratio: null });
  });

  it('does not apply to a profile with one measured load level', () => {
    const summary = analyzeRun(syntheticRun({ profile: 'baseline', stages: [{ seconds: 5, target: 100, role: 'warmup', startTarget: 0 }, { seconds: 30, target: 100, role: 'load' }] }));
    expect(summary.breakingPoint).toMatchObject({ code: 'too-few-steps', applicable: false, found: false });
    expect(summary.headroom.code).toBe('not-stepped');
  });
});

describe('headroom', () => {
  it('compares the capacity at the breaking point with the throughput target', () => {
    const summary = progressive(range(100, 1000, 100), capped(600), { thresholds: limits({ throughput: 400 }) });
    expect(summary.headroom).toMatchObject({ code: 'above-target', targetRps: 400, capacityRps: 600, ratio: 1.5, capacityIsLowerBound: false });
  });

  it('says the capacity is at least the best step when nothing broke', () => {
    const summary = progressive(range(100, 1000, 100), () => ({ latencyMs: 10 }), { thresholds: limits({ throughput: 800 }) });
    expect(summary.headroom).toMatchObject({ code: 'lower-bound', capacityRps: 1000, ratio: 1.25, capacityIsLowerBound: true });
  });

  it('says when the cluster breaks below the target', () => {
    const summary = progressive(range(100, 1000, 100), capped(600), { thresholds: limits({ throughput: 800 }) });
    expect(summary.headroom).toMatchObject({ code: 'below-target', capacityRps: 600, ratio: 0.75 });
  });
});
