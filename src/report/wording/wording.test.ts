import { describe, expect, it } from 'vitest';
import type { BreakingPoint, CapacityModel, Fairness, GeneratorHealth, Headroom, Recovery, StepSummary, Summary, ThresholdResult } from '../../analysis/summary-types.ts';
import { loadFixture } from '../testdata/fixtures.ts';
import { breakingPointSentence } from './breaking-point.ts';
import { capacityModelSentence, fairnessSentence, generatorSentence, headroomSentence, integritySentence, recallSentence } from './findings.ts';
import { missingSentence, verdictReasonSentence } from './reasons.ts';
import { recoverySentence } from './recovery.ts';
import { thresholdNote, thresholdSentence } from './thresholds.ts';

// The sentences the reports build from the analysis's codes and numbers, one finding at a time.

const step = (index: number, offered: number, extra: Partial<StepSummary> = {}): StepSummary => ({ ...loadFixture('progressive').summary.steps[0]!, index, name: `step ${index + 1}`, offered, offeredRps: offered, offeredUnit: 'req/s', ...extra });
const STEPS = [step(0, 500), step(1, 600), step(2, 700), step(3, 800)];
const NONE: BreakingPoint = { code: 'held', found: false, applicable: true, stepIndex: null, offered: null, offeredUnit: null, capacityRps: null, signal: null, signals: [], evidence: [], lastGoodStepIndex: null, topStepIndex: 3, mode: null, degradation: null };

describe('breakingPointSentence', () => {
  it('names the step, every signal with its numbers, the capacity below it and how it degraded', () => {
    const point: BreakingPoint = {
      ...NONE,
      code: 'broke',
      found: true,
      stepIndex: 2,
      offered: 700,
      offeredUnit: 'req/s',
      capacityRps: 600,
      signal: 'saturation',
      signals: ['drops', 'saturation', 'knee'],
      evidence: [
        { signal: 'drops', droppedShare: 0.025, limit: 0.01 },
        { signal: 'saturation', throughputRps: 600, offeredRps: 700, shortfall: 1 / 7 },
        { signal: 'knee', kneeStepIndex: 1, fromRps: 600, toRps: 601, loadGrowth: 1 / 6, p95Ms: 150 },
      ],
      lastGoodStepIndex: 1,
      mode: 'collapse',
      degradation: { worstStepIndex: 3, worstOkRps: 150, referenceOkRps: 600, okRatio: 0.25 },
    };
    expect(breakingPointSentence(point, STEPS)).toBe(
      'breaks at step 3 (700 req/s offered): 2.5 % of the arrivals were dropped, over the 1 % a good step may drop; goodput 600 req/s is 14.3 % short of the 700 req/s offered; ' +
        'goodput stopped following the load (knee at step 2: 600 → 601 req/s while the load rose 16.7 % and p95 rose to 150 ms); ' +
        'sustainable capacity 600 req/s at step 2; collapse: ok responses fell to 150 req/s at step 4, 25 % of the 600 req/s before the break',
    );
  });

  it('writes a resource over its ceiling in the resource’s unit', () => {
    const point: BreakingPoint = {
      ...NONE,
      code: 'broke',
      found: true,
      stepIndex: 0,
      signal: 'resource',
      signals: ['resource'],
      evidence: [{ signal: 'resource', over: [{ resource: 'cpu', value: 0.97, ceiling: 0.95, unit: 'ratio' }, { resource: 'network', value: 1.25e9, ceiling: 1e9, unit: 'bits/s' }] }],
    };
    expect(breakingPointSentence(point, STEPS)).toBe(
      'breaks at step 1 (500 req/s offered): node CPU 97 % over the 95 % ceiling, network 1.25 Gbit/s over the 1 Gbit/s ceiling; the first step already broke: no capacity below it was measured',
    );
  });

  it('says what a run that held held up to, and why a run without steps has no breaking point', () => {
    expect(breakingPointSentence(NONE, STEPS)).toBe('held every step up to 800 req/s offered: no latency, error, saturation, knee or resource signal');
    expect(breakingPointSentence({ ...NONE, code: 'too-few-steps', applicable: false, topStepIndex: null }, STEPS)).toBe('the profile has fewer than two measured load levels: there are no steps to search');
  });
});

describe('headroomSentence', () => {
  const headroom = (code: Headroom['code'], ratio: number | null, capacityIsLowerBound = false): Headroom => ({ code, targetRps: 400, capacityRps: 600, ratio, capacityIsLowerBound });
  it.each([
    ['capacity 600 req/s is 1.5× the 400 req/s target: 50 % headroom', headroom('above-target', 1.5)],
    ['capacity 600 req/s is 75 % of the 400 req/s target: the cluster breaks before the target load', headroom('below-target', 0.75)],
    ['did not break up to 600 req/s: at least 1.5× the 400 req/s target', headroom('lower-bound', 1.5, true)],
    ['did not break up to 600 req/s; no throughput target is set in the thresholds', headroom('no-target', null, true)],
    ['capacity was not measured: the profile does not step the load up (use progressive or stress)', headroom('not-stepped', null)],
  ])('%s', (text, value) => expect(headroomSentence(value)).toBe(text));
});

describe('recoverySentence', () => {
  const recovered: Recovery = {
    code: 'recovered',
    applicable: true,
    measured: true,
    seconds: 7,
    overloadEndSecond: 35,
    recoveredAtSecond: 42,
    baselineStepIndex: 1,
    baselineP95Ms: 10,
    worstP95Ms: 500,
    baselineErrorRate: 0,
    worstErrorRate: 0.1,
    p95LimitMs: 15,
    errorRateLimit: 0.01,
    droppedShareLimit: 0.02,
    holdSeconds: 10,
    outlierSeconds: 1,
    watchedSeconds: 40,
  };
  it('gives the time back, the rule it was held to and the baseline', () => {
    expect(recoverySentence(recovered, STEPS)).toBe(
      'recovered 7 s after the overload ended: p95 under 15 ms, errors under 1 % and drops under 2 % from second 42 for 10 s (at most 1 lone second over the latency or error limit allowed); baseline p95 10 ms and 0 % errors (step 2); worst p95 500 ms and 10 % errors',
    );
  });
  it('says how long a recovery that never came was watched for', () => {
    expect(recoverySentence({ ...recovered, code: 'not-recovered', seconds: null, recoveredAtSecond: null }, STEPS)).toMatch(/^not recovered within the run: p95 under 15 ms, errors under 1 % and drops under 2 % did not hold for 10 s \(at most 1 lone second .*\) in the 40 s after the overload;/);
  });
  it('says a recovery cut short was too short to judge', () => {
    expect(recoverySentence({ ...recovered, code: 'too-short', measured: false, seconds: null, recoveredAtSecond: null, watchedSeconds: 3 }, STEPS)).toBe(
      'only 3 s were recorded after the overload, less than the 10 s hold: too short to judge',
    );
  });
});

describe('the other findings', () => {
  it('writes the USL fit with three significant digits, and why there is none', () => {
    const model: CapacityModel = { code: 'fitted', fitted: true, sigma: 0.05, kappa: 0.000123456, lambda: 191.1, peakConcurrency: 6, peakThroughputRps: 590.118, rSquared: 0.987, minPoints: 6, points: Array(14).fill({ concurrency: 1, throughputRps: 1 }) };
    expect(capacityModelSentence(model)).toBe('σ 0.05 (contention), κ 0.000123 (coherency), λ 191 req/s per unit of concurrency, R² 0.987 over 14 steps; throughput peaks at 590 req/s with 6 requests in flight, and falls beyond');
    expect(capacityModelSentence({ ...model, code: 'too-few-points', fitted: false, points: model.points.slice(0, 5) })).toBe('the model needs at least 6 steps with traffic; the run has 5');
  });

  it('writes the spread over the nodes and each failover', () => {
    const fairness: Fairness = {
      measured: true,
      shares: { node1: 0.5, node2: 0.25, node3: 0.25 },
      coefficientOfVariation: 0.3536,
      maxMinRatio: null,
      perStep: [],
      balancerWatched: true,
      failovers: [{ node: 'node2', downSecond: 12, upSecond: 16 }],
      lostDuringFailover: 20,
    };
    expect(fairnessSentence(fairness)).toBe('3 nodes: node1 50 %, node2 25 %, node3 25 % (CV 0.354, a node served nothing); node2 down at 12 s, back at 16 s; 20 requests failed while a node was out of rotation');
    expect(fairnessSentence({ ...fairness, measured: false, shares: {}, failovers: [], balancerWatched: false, lostDuringFailover: null })).toBe(
      'no per-node request counts (qdrant-telemetry or qdrant-metrics samples): fairness not measured; no balancer samples: failovers not watched',
    );
  });

  it('writes recall, integrity and the generator’s health', () => {
    expect(recallSentence({ measured: true, k: 10, checked: 1840, overall: 0.9623 })).toBe('recall@10 0.962 over 1,840 responses checked against the exact nearest neighbours');
    expect(integritySentence({ checked: true, ok: false, before: { alpha: 1000 }, after: { alpha: 990 }, changed: [{ collection: 'alpha', before: 1000, after: 990 }], uncounted: [] })).toBe('points changed: alpha 1,000 → 990');
    expect(integritySentence({ checked: true, ok: false, before: { alpha: 1000 }, after: {}, changed: [{ collection: 'alpha', before: 1000, after: null }], uncounted: [] })).toBe('points changed: alpha 1,000 → gone (HTTP 404): lost');
    expect(integritySentence({ checked: false, ok: null, before: {}, after: {}, changed: [], uncounted: [{ collection: 'alpha', when: 'after', error: 'HTTP 503' }] })).toBe(
      'integrity not checked: points could not be counted: alpha after the run (HTTP 503)',
    );
    const generator: GeneratorHealth = { maxCpuPercent: 15, saturated: false, saturationCpuPercent: 90, saturationSamplesInRow: 3, localTarget: true, machineMaxCpuPercent: 98, machineBusy: true, droppedIterations: 0 };
    expect(generatorSentence(generator)).toBe('the generator peaked at 15 % CPU; the machine, shared with the local target, peaked at 98 % CPU, so latencies include some scheduling delay of the generator');
  });
});

describe('thresholds and reasons', () => {
  const summary: Summary = loadFixture('progressive').summary;
  const throughput: ThresholdResult = { metric: 'throughput', scope: 'global', comparison: 'at-least', limit: 80, value: 100, unit: 'req/s', status: 'pass', reason: 'best-step-ok-rps', loadScale: 0.01 };

  it('says how a scaled limit was written for the full form', () => {
    expect(thresholdNote(throughput, summary)).toBe('ok responses per second at the best step’s steady state; the limit is the full form’s 8,000 req/s × load scale 0.01');
    expect(thresholdSentence({ ...throughput, value: 60, status: 'fail' }, summary)).toBe('throughput (global): 60 req/s under the 80 req/s limit');
  });

  it('calls a recovery that never came "not met", not "no data"', () => {
    const recovery: ThresholdResult = { metric: 'recoverySeconds', scope: 'global', comparison: 'at-most', limit: 60, value: null, unit: 's', status: 'fail', reason: 'recovery' };
    expect(thresholdSentence(recovery, summary)).toBe('recovery time (global): not met (limit ≤ 60 s)');
  });

  it('words each verdict reason and gap from its code and numbers', () => {
    expect(verdictReasonSentence({ code: 'arrivals-dropped', count: 1234 }, summary)).toBe('1,234 arrivals were dropped at the in-flight bound and never sent: their latency is not in the figures');
    expect(verdictReasonSentence({ code: 'incomplete', exitReason: 'aborted', abortReason: 'error rate over 50 %' }, summary)).toBe('the run did not complete (error rate over 50 %): a pass needs the whole plan');
    expect(verdictReasonSentence({ code: 'generator-saturated', maxCpuPercent: 97, saturationCpuPercent: 90, saturationSamplesInRow: 3 }, summary)).toBe(
      'the generator was at or above 90 % CPU for 3 samples in a row (peak 97 %): the load it sent and the latencies it measured are not trustworthy',
    );
    expect(missingSentence({ code: 'incomplete', exitReason: 'interrupted', abortReason: null }, summary)).toBe('the run did not complete (interrupted); figures cover what was recorded');
    expect(missingSentence({ code: 'no-node-samples', node: 'node2:6333' }, summary)).toBe('no samples from node node2:6333');
  });
});
