import { describe, expect, it } from 'vitest';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import { NO_THRESHOLDS, syntheticRun, type SyntheticRunSpec, type SyntheticSample } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';

// A baseline-like run: 5 s of warm-up, then 20 s at 100 req/s, answered in about 10 ms.
const baseline = (spec: Partial<SyntheticRunSpec> = {}): SyntheticRunSpec => ({
  profile: 'baseline',
  stages: [
    { name: 'ramp-up', role: 'warmup', seconds: 5, target: 100, startTarget: 10 },
    { name: 'steady', role: 'load', seconds: 20, target: 100 },
  ],
  load: () => ({ latencyMs: { p50: 8, p95: 12, p99: 15 } }),
  ...spec,
});
const withLimits = (global: ThresholdsDefinition['global'], more: Partial<ThresholdsDefinition> = {}): ThresholdsDefinition => ({ ...NO_THRESHOLDS, ...more, global });

const generatorAt = (second: number, machineCpuPercent: number): SyntheticSample => ({
  kind: 'generator',
  source: 'generator',
  second,
  data: { nodeCpuPercent: 10, machineCpuPercent, nodeRssBytes: 1e8, eventLoopLagMs: 1, cores: 2 },
});
const calmGenerator = Array.from({ length: 25 }, (_, s) => generatorAt(s, 40));

describe('analyzeRun: the run’s figures', () => {
  it('leaves warmup out of the run-level figures, so a slow start does not count', () => {
    const summary = analyzeRun(syntheticRun(baseline({ load: (second) => ({ latencyMs: second < 5 ? 500 : 10 }) })));
    expect(summary.totals).toMatchObject({ seconds: 20, requests: 2000, completed: 2000, ok: 2000, errors: 0, errorRate: 0, dropped: 0 });
    expect(summary.totals.throughputRps).toBe(100);
    expect(summary.latencyMs!.max).toBeLessThan(50);
    expect(summary.durationSeconds).toBe(25);
    // The per-step view still shows the warm-up, with its own figures.
    expect(summary.steps.map((s) => [s.name, s.role])).toEqual([['ramp-up', 'warmup'], ['steady', 'load']]);
    expect(summary.steps[0]!.latencyMs!.p50).toBeGreaterThan(250);
  });

  it('reports each collection’s achieved share beside the share the mix asked for', () => {
    const summary = analyzeRun(syntheticRun(baseline({ collections: [{ name: 'alpha', share: 0.7 }, { name: 'beta', share: 0.3, pattern: 'code_search' }] })));
    expect(summary.collections.alpha).toMatchObject({ requests: 1400, share: 0.7, expectedShare: 0.7, errorRate: 0 });
    expect(summary.collections.beta).toMatchObject({ pattern: 'code_search', requests: 600, share: 0.3, expectedShare: 0.3 });
  });

  it('counts errors by class and splits client latency into server time and the rest (queueing)', () => {
    const summary = analyzeRun(syntheticRun(baseline({ load: () => ({ latencyMs: 12, serverMs: 8, errors: { timeout: 1, status5xx: 2 } }) })));
    expect(summary.errorsByClass).toMatchObject({ timeout: 20, status5xx: 40, refused: 0 });
    expect(summary.totals.errorRate).toBeCloseTo(0.03, 5);
    expect(summary.queueing.clientP50Ms).toBeCloseTo(12, 1);
    expect(summary.queueing.serverP50Ms).toBeCloseTo(8, 1);
    expect(summary.queueing.overheadP50Ms).toBeCloseTo(4, 1);
  });

  it('measures recall under load from the responses checked against ground truth, per step and overall', () => {
    const run = syntheticRun(baseline({ load: () => ({ latencyMs: 10, recall: { checked: 10, mean: 0.92 } }) }));
    // k is the ground truth's length, which run.json records; the query's limit may be larger.
    const summary = analyzeRun({ ...run, manifest: { ...run.manifest, recallK: 10, plan: { ...run.manifest.plan, query: { ...run.manifest.plan.query, limit: 100 } } } });
    expect(summary.recall).toMatchObject({ measured: true, k: 10, checked: 200 });
    expect(summary.recall.overall).toBeCloseTo(0.92, 5);
    expect(summary.steps[1]!.recall).toBeCloseTo(0.92, 5);
    expect(analyzeRun(syntheticRun(baseline())).recall).toMatchObject({ measured: false, overall: null });
  });

  it('checks that every collection kept its points', () => {
    const kept = analyzeRun(syntheticRun(baseline({ pointsBefore: { alpha: 1000 }, pointsAfter: { alpha: 1000 } })));
    expect(kept.integrity).toMatchObject({ checked: true, ok: true });
    const lost = analyzeRun(syntheticRun(baseline({ pointsBefore: { alpha: 1000, beta: 50 }, pointsAfter: { alpha: 990, beta: 50 }, samples: calmGenerator })));
    expect(lost.integrity).toMatchObject({ checked: true, ok: false, changed: [{ collection: 'alpha', before: 1000, after: 990 }] });
    expect(lost.verdictReasons).toEqual([{ code: 'integrity-changed', changed: [{ collection: 'alpha', before: 1000, after: 990 }] }]);
    expect(lost.verdict).toBe('fail');
    expect(analyzeRun(syntheticRun(baseline())).integrity).toMatchObject({ checked: false, ok: null });
  });
});

describe('analyzeRun: thresholds', () => {
  it('holds the run to the global limits with the profile’s overrides, naming where each limit came from', () => {
    const thresholds = withLimits({ latency: { p95: 20, p99: 10 }, errorRate: 0.01 }, { profiles: { baseline: { latency: { p99: 50 } } } });
    const summary = analyzeRun(syntheticRun(baseline({ thresholds, samples: calmGenerator })));
    expect(summary.thresholds.map((t) => [t.metric, t.scope, t.limit, t.status])).toEqual([
      ['latency.p95', 'global', 20, 'pass'],
      ['latency.p99', 'profile:baseline', 50, 'pass'],
      ['errorRate', 'global', 0.01, 'pass'],
    ]);
    expect(summary.verdict).toBe('pass');
    expect(summary.verdictReasons).toEqual([]);
  });

  it('holds a collection to its own limits over its own requests', () => {
    const thresholds = withLimits({}, { collections: { deepcoder: { latency: { p95: 30 } }, phi3: { latency: { p95: 30 } }, absent: { errorRate: 0.01 } } });
    const summary = analyzeRun(
      syntheticRun(
        baseline({
          thresholds,
          samples: calmGenerator,
          collections: [{ name: 'deepcoder', share: 0.5 }, { name: 'phi3', share: 0.5 }],
          load: () => ({ latencyMs: 10, latencyMsByCollection: { deepcoder: { p50: 20, p95: 25 }, phi3: { p50: 30, p95: 40 } } }),
        }),
      ),
    );
    expect(summary.thresholds.map((t) => [t.scope, t.status])).toEqual([
      ['collection:deepcoder', 'pass'],
      ['collection:phi3', 'fail'],
    ]);
    expect(summary.verdict).toBe('fail');
    const phi3 = summary.thresholds[1]!;
    expect(phi3).toMatchObject({ metric: 'latency.p95', comparison: 'at-most', limit: 30, unit: 'ms' });
    expect(phi3.value).toBeGreaterThan(30);
    expect(summary.verdictReasons).toEqual([{ code: 'threshold-failed', threshold: phi3 }]);
  });

  it('scales the throughput target of the full form by the lab form’s load scale', () => {
    const summary = analyzeRun(syntheticRun(baseline({ form: 'lab', loadScale: 0.01, thresholds: withLimits({ throughput: 8000 }) })));
    expect(summary.thresholds).toEqual([
      expect.objectContaining({ metric: 'throughput', comparison: 'at-least', limit: 80, status: 'pass', reason: 'best-step-ok-rps', loadScale: 0.01 }),
    ]);
    expect(summary.thresholds[0]!.value).toBeCloseTo(100, 5);
  });

  it('reports a threshold whose data is missing as "no-data", never as passed, and the verdict as inconclusive', () => {
    const summary = analyzeRun(syntheticRun(baseline({ thresholds: withLimits({ latency: { p95: 20 }, cpu: 0.9 }), samples: calmGenerator })));
    const cpu = summary.thresholds.find((t) => t.metric === 'cpu');
    expect(cpu).toMatchObject({ status: 'no-data', value: null, reason: 'no-cpu-samples' });
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.verdictReasons).toEqual([{ code: 'threshold-no-data', threshold: cpu }]);
    expect(summary.missing).toContainEqual({ code: 'threshold-no-data', threshold: cpu });
  });

  it('judges node CPU by the busiest node’s mean over a step', () => {
    const cpu = (percent: number): SyntheticSample[] =>
      Array.from({ length: 25 }, (_, second) => ({ kind: 'prometheus-node', source: 'http://10.0.0.1:9100', second, data: { cpuPercent: second === 12 ? 100 : percent } }));
    const busy = analyzeRun(syntheticRun(baseline({ thresholds: withLimits({ cpu: 0.9 }), samples: [...calmGenerator, ...cpu(93)] })));
    expect(busy.thresholds[0]).toMatchObject({ status: 'fail', unit: 'ratio' });
    // One sample at 100 % in a 20 s stage at 60 % does not make the node busy.
    const calm = analyzeRun(syntheticRun(baseline({ thresholds: withLimits({ cpu: 0.9 }), samples: [...calmGenerator, ...cpu(60)] })));
    expect(calm.thresholds[0]).toMatchObject({ status: 'pass' });
    expect(calm.steps[1]!.nodeCpuPercent).toBeLessThan(63);
  });

  it('re-evaluates a recorded run against other thresholds than it was made with', () => {
    const run = syntheticRun(baseline({ thresholds: withLimits({ latency: { p95: 100 } }), samples: calmGenerator }));
    expect(analyzeRun(run).verdict).toBe('pass');
    const stricter = analyzeRun(run, { thresholds: withLimits({ latency: { p95: 5 } }) });
    expect(stricter.thresholds[0]).toMatchObject({ limit: 5, status: 'fail' });
    expect(stricter.verdict).toBe('fail');
  });
});

describe('analyzeRun: the verdict', () => {
  const strict = withLimits({ latency: { p95: 5 } });

  it('is inconclusive when the generator saturated, even with thresholds failing: it measured itself', () => {
    const saturated = [20, 21, 22].map((s) => generatorAt(s, 97));
    const summary = analyzeRun(syntheticRun(baseline({ thresholds: strict, samples: [...calmGenerator.slice(0, 20), ...saturated] })));
    expect(summary.generator).toMatchObject({ saturated: true, maxCpuPercent: 97 });
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.verdictReasons).toEqual([{ code: 'generator-saturated', maxCpuPercent: 97, saturationCpuPercent: 90, saturationSamplesInRow: 3 }]);
  });

  it('does not call one busy generator sample saturation', () => {
    const summary = analyzeRun(syntheticRun(baseline({ thresholds: strict, samples: [...calmGenerator.slice(0, 24), generatorAt(24, 99)] })));
    expect(summary.generator.saturated).toBe(false);
    expect(summary.verdict).toBe('fail');
  });

  it('is inconclusive for a run that did not complete, unless something already failed', () => {
    const partial = baseline({ seconds: 15, exitReason: 'interrupted', samples: calmGenerator, thresholds: withLimits({ latency: { p95: 100 } }) });
    const summary = analyzeRun(syntheticRun(partial));
    expect(summary.complete).toBe(false);
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.verdictReasons).toEqual([{ code: 'incomplete', exitReason: 'interrupted', abortReason: null }]);
    expect(summary.missing[0]).toEqual({ code: 'incomplete', exitReason: 'interrupted', abortReason: null });
    expect(analyzeRun(syntheticRun({ ...partial, thresholds: strict })).verdict).toBe('fail');
  });

  it('is inconclusive when arrivals were dropped: their latency is missing from the figures', () => {
    const summary = analyzeRun(syntheticRun(baseline({ samples: calmGenerator, load: (second) => ({ latencyMs: 10, dropped: second === 10 ? 7 : 0 }) })));
    expect(summary.totals.dropped).toBe(7);
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.verdictReasons).toEqual([{ code: 'arrivals-dropped', count: 7 }]);
  });

  it('is inconclusive when nothing was recorded', () => {
    const summary = analyzeRun(syntheticRun(baseline({ seconds: 0 })));
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.latencyMs).toBeNull();
    expect(summary.steps).toEqual([]);
  });
});

describe('analyzeRun: the samplers', () => {
  it('reports each sampler as ok, degraded or failed, and says what was never heard from', () => {
    const redis = (second: number): SyntheticSample => ({ kind: 'redis-latency', source: 'redis', second, data: { samples: 90, minMs: 0.1, avgMs: 0.2, p50Ms: 0.2, p99Ms: 0.4, maxMs: 1 } });
    const run = syntheticRun(
      baseline({
        nodes: ['http://node1:6333', 'http://node2:6333'],
        samples: [...calmGenerator, redis(1), redis(3)],
        gaps: [
          { kind: 'redis-latency', source: 'redis', second: 2, error: 'timeout' },
          { kind: 'qdrant-metrics', source: 'http://node1:6333', second: 2, error: 'ECONNREFUSED' },
        ],
      }),
    );
    // The samplers' own request rates are what they counted (run.json), not how often they wrote.
    const summary = analyzeRun({ ...run, manifest: { ...run.manifest, samplerRequestRates: { 'redis-latency redis': 98.5 } } });
    expect(summary.samplers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'generator', status: 'ok', samples: 25, gaps: 0, requestsPerSecond: 0 }),
        expect.objectContaining({ kind: 'redis-latency', status: 'degraded', samples: 2, gaps: 1, lastError: 'timeout', requestsPerSecond: 98.5 }),
        expect.objectContaining({ kind: 'qdrant-metrics', source: 'http://node1:6333', status: 'failed', samples: 0, gaps: 1 }),
      ]),
    );
    expect(summary.missing).toEqual(
      expect.arrayContaining([
        { code: 'sampler-unhealthy', sampler: expect.any(String), source: 'redis', status: 'degraded', samples: 2, gaps: 1, lastError: 'timeout' },
        { code: 'no-node-samples', node: 'node2:6333' },
      ]),
    );
  });
});
