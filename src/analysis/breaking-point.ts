import type { Ceilings, Limits } from '../config/thresholds-schema.ts';
import type { LoadModel } from '../plan/types.ts';
import { kneedle } from './kneedle.ts';
import type { SecondPoint } from './second-points.ts';
import type { BreakingEvidence, BreakingPoint, BreakingSignal, ResourceOver, StepSummary } from './summary-types.ts';

// The breaking point: the first step where the cluster stops keeping up, and how it behaves past it.

/** ResourceUse is the mean use of each resource over a step: the busiest node's, and the engine's connections (null: not sampled). */
export interface ResourceUse {
  cpuPercent: number | null;
  memoryBytes: number | null;
  connections: number | null;
  diskBytesPerSecond: number | null;
  networkBitsPerSecond: number | null;
}

/** StepEvidence is what the search knows about one step; its seconds tell a lasting signal from a noisy second. */
export interface StepEvidence {
  step: StepSummary;
  seconds: SecondPoint[];
  resources: ResourceUse;
}

/** BREAKING_RULES are the tolerances the README states. */
export const BREAKING_RULES = {
  /** Open model: goodput (ok responses per second) more than 10 % below the offered rate is saturation. */
  saturationShortfall: 0.1,
  /** A signal must also hold in at least 2 seconds and 10 % of the step's seconds (all of a 1-second step). */
  persistSeconds: 2,
  persistFraction: 0.1,
  /** Past the knee, throughput grew by less than half as much as the load did. */
  kneeGrowthFraction: 0.5,
  /** Collapse: ok responses per second fall more than 20 % below the last good step's. */
  collapseDrop: 0.2,
  /** A step that dropped more than 1 % of its arrivals did not serve its load: it cannot be the last good step. */
  droppedShare: 0.01,
} as const;

const LATENCY_KEYS = ['p50', 'p90', 'p95', 'p99'] as const;
const SIGNAL_ORDER: BreakingSignal[] = ['latency', 'errors', 'drops', 'saturation', 'knee', 'resource'];

/**
 * findBreakingPoint walks the searched steps in order and stops at the first with a signal:
 * ok latency or errors over the run's limits, more than 1 % of the arrivals dropped, goodput
 * short of the offered rate (open model), the knee of goodput against load, or a resource over
 * its ceiling. `max` latency is left out: one request is not a trend.
 */
export function findBreakingPoint(model: LoadModel, evidence: readonly StepEvidence[], limits: Limits, ceilings: Ceilings): BreakingPoint {
  const none = { found: false, stepIndex: null, offered: null, offeredUnit: null, capacityRps: null, signal: null, signals: [], evidence: [], mode: null, degradation: null, lastGoodStepIndex: null };
  if (evidence.length < 2) return { ...none, code: 'too-few-steps', applicable: false, topStepIndex: null };
  const kneeStep = kneeBreak(evidence);
  for (const [i, item] of evidence.entries()) {
    const found = [
      latencySignal(item, limits),
      errorSignal(item, limits),
      dropSignal(item),
      model === 'open' ? saturationSignal(item) : null,
      kneeStep === i ? kneeEvidence(evidence[i - 1]!.step, item.step) : null,
      resourceSignal(item.resources, ceilings),
    ].filter((e): e is BreakingEvidence => e !== null);
    if (found.length === 0) continue;

    const signals = SIGNAL_ORDER.filter((s) => found.some((e) => e.signal === s));
    const lastGood = i > 0 ? evidence[i - 1]!.step : null;
    const mode = modeOf(model, evidence.slice(i), lastGood);
    const step = item.step;
    return {
      code: 'broke',
      applicable: true,
      found: true,
      stepIndex: step.index,
      offered: step.offered,
      offeredUnit: step.offeredUnit,
      capacityRps: lastGood?.throughputRps ?? null,
      signal: signals[0]!,
      signals,
      evidence: signals.map((s) => found.find((e) => e.signal === s)!),
      mode: mode?.mode ?? null,
      degradation: mode?.degradation ?? null,
      lastGoodStepIndex: lastGood?.index ?? null,
      topStepIndex: evidence[evidence.length - 1]!.step.index,
    };
  }
  return { ...none, code: 'held', applicable: true, topStepIndex: evidence[evidence.length - 1]!.step.index };
}

/** persists says whether a condition held in enough of a step's seconds to be more than noise. */
function persists(flags: readonly boolean[]): boolean {
  const held = flags.filter(Boolean).length;
  return held >= Math.min(BREAKING_RULES.persistSeconds, flags.length) && held >= flags.length * BREAKING_RULES.persistFraction && held > 0;
}

function latencySignal({ step, seconds }: StepEvidence, limits: Limits): BreakingEvidence | null {
  for (const p of LATENCY_KEYS) {
    const limit = limits.latency?.[p];
    const observed = step.latencyMs?.[p];
    if (limit === undefined || observed === undefined || observed <= limit) continue;
    if (persists(seconds.map((s) => (s.latency?.[p] ?? 0) > limit))) return { signal: 'latency', percentile: p, valueMs: observed, limitMs: limit };
  }
  return null;
}

function errorSignal({ step, seconds }: StepEvidence, limits: Limits): BreakingEvidence | null {
  const limit = limits.errorRate;
  if (limit === undefined || step.errorRate <= limit) return null;
  if (!persists(seconds.map((s) => (s.errorRate ?? 0) > limit))) return null;
  return { signal: 'errors', errorRate: step.errorRate, limit };
}

/** dropSignal needs no persistence: the rule is about the step's share, and drops are never noise of the target. */
function dropSignal({ step }: StepEvidence): BreakingEvidence | null {
  const limit = BREAKING_RULES.droppedShare;
  return step.droppedShare !== null && step.droppedShare > limit ? { signal: 'drops', droppedShare: step.droppedShare, limit } : null;
}

function saturationSignal({ step, seconds }: StepEvidence): BreakingEvidence | null {
  const floor = 1 - BREAKING_RULES.saturationShortfall;
  if (step.throughputRps >= step.offeredRps * floor) return null;
  if (!persists(seconds.map((s) => s.offeredRps !== null && s.ok < s.offeredRps * floor))) return null;
  return { signal: 'saturation', throughputRps: step.throughputRps, offeredRps: step.offeredRps, shortfall: 1 - step.throughputRps / step.offeredRps };
}

/**
 * kneeBreak is the position of the step just past the knee of goodput against offered load,
 * when that step confirms it: goodput grew by less than half as much as the load, while p95
 * latency rose. Kneedle alone would find a "knee" in any gently bending curve.
 */
function kneeBreak(evidence: readonly StepEvidence[]): number | null {
  const steps = evidence.map((e) => e.step);
  const knee = kneedle(steps.map((s) => s.offered), steps.map((s) => s.throughputRps));
  if (knee === null || knee + 1 >= steps.length) return null;
  const [at, past] = [steps[knee]!, steps[knee + 1]!];
  const loadGrowth = past.offered / at.offered - 1;
  const throughputGrowth = past.throughputRps / at.throughputRps - 1;
  const latencyRose = (past.latencyMs?.p95 ?? 0) > (at.latencyMs?.p95 ?? Infinity);
  return throughputGrowth < loadGrowth * BREAKING_RULES.kneeGrowthFraction && latencyRose ? knee + 1 : null;
}

function kneeEvidence(at: StepSummary, past: StepSummary): BreakingEvidence {
  return { signal: 'knee', kneeStepIndex: at.index, fromRps: at.throughputRps, toRps: past.throughputRps, loadGrowth: past.offered / at.offered - 1, p95Ms: past.latencyMs?.p95 ?? 0 };
}

function resourceSignal(use: ResourceUse, ceilings: Ceilings): BreakingEvidence | null {
  const over: ResourceOver[] = [];
  if (ceilings.cpu !== undefined && use.cpuPercent !== null && use.cpuPercent / 100 > ceilings.cpu) over.push({ resource: 'cpu', value: use.cpuPercent / 100, ceiling: ceilings.cpu, unit: 'ratio' });
  if (ceilings.memory !== undefined && use.memoryBytes !== null && use.memoryBytes > ceilings.memory) over.push({ resource: 'memory', value: use.memoryBytes, ceiling: ceilings.memory, unit: 'bytes' });
  if (ceilings.connections !== undefined && use.connections !== null && use.connections > ceilings.connections) over.push({ resource: 'connections', value: use.connections, ceiling: ceilings.connections, unit: 'connections' });
  if (ceilings.disk !== undefined && use.diskBytesPerSecond !== null && use.diskBytesPerSecond > ceilings.disk) over.push({ resource: 'disk', value: use.diskBytesPerSecond, ceiling: ceilings.disk, unit: 'bytes/s' });
  if (ceilings.network !== undefined && use.networkBitsPerSecond !== null && use.networkBitsPerSecond > ceilings.network) over.push({ resource: 'network', value: use.networkBitsPerSecond, ceiling: ceilings.network, unit: 'bits/s' });
  return over.length > 0 ? { signal: 'resource', over } : null;
}

/**
 * modeOf tells graceful degradation (ok responses per second hold near the last good step's while
 * latency or errors rise) from collapse (they fall more than 20 % below it, at the breaking step
 * or any later one). With no good step before, the open model compares with the offered rate.
 */
function modeOf(model: LoadModel, pastBreak: readonly StepEvidence[], lastGood: StepSummary | null): { mode: 'graceful' | 'collapse'; degradation: NonNullable<BreakingPoint['degradation']> } | null {
  const reference = lastGood?.throughputRps ?? (model === 'open' ? pastBreak[0]!.step.offeredRps : null);
  if (reference === null || reference <= 0) return null;
  const worst = pastBreak.map((e) => e.step).reduce((a, b) => (b.throughputRps < a.throughputRps ? b : a));
  const collapsed = worst.throughputRps < reference * (1 - BREAKING_RULES.collapseDrop);
  return { mode: collapsed ? 'collapse' : 'graceful', degradation: { worstStepIndex: worst.index, worstOkRps: worst.throughputRps, referenceOkRps: reference, okRatio: worst.throughputRps / reference } };
}
