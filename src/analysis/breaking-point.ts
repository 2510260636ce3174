import type { Ceilings, Limits } from '../config/thresholds-schema.ts';
import type { LoadModel } from '../plan/types.ts';
import { kneedle } from './kneedle.ts';
import type { SecondPoint } from './second-points.ts';
import type { BreakingPoint, BreakingSignal, StepSummary } from './summary-types.ts';
import { percent, round } from './wording.ts';

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
  /** Open model: achieved throughput more than 10 % below the offered rate is saturation. */
  saturationShortfall: 0.1,
  /** A signal must also hold in at least 2 seconds and 10 % of the step's seconds (all of a 1-second step). */
  persistSeconds: 2,
  persistFraction: 0.1,
  /** Past the knee, throughput grew by less than half as much as the load did. */
  kneeGrowthFraction: 0.5,
  /** Collapse: ok responses per second fall more than 20 % below the last good step's. */
  collapseDrop: 0.2,
} as const;

const LATENCY_KEYS = ['p50', 'p90', 'p95', 'p99'] as const;
const SIGNAL_ORDER: BreakingSignal[] = ['latency', 'errors', 'saturation', 'knee', 'resource'];

/**
 * findBreakingPoint walks the searched steps in order and stops at the first with a signal:
 * latency or errors over the run's limits, throughput short of the offered rate (open model),
 * the knee of throughput against load, or a resource over its ceiling. `max` latency is left out:
 * one request is not a trend.
 */
export function findBreakingPoint(model: LoadModel, evidence: readonly StepEvidence[], limits: Limits, ceilings: Ceilings): BreakingPoint {
  const none = { found: false, stepIndex: null, offered: null, offeredUnit: null, capacityRps: null, signal: null, signals: [], mode: null, lastGoodStepIndex: null };
  if (evidence.length < 2) {
    return { ...none, applicable: false, detail: 'the profile has fewer than two measured load levels: there are no steps to search' };
  }
  const kneeStep = kneeBreak(evidence);
  for (const [i, item] of evidence.entries()) {
    const reasons = new Map<BreakingSignal, string>();
    const latency = latencySignal(item, limits);
    if (latency) reasons.set('latency', latency);
    const errors = errorSignal(item, limits);
    if (errors) reasons.set('errors', errors);
    const saturation = model === 'open' ? saturationSignal(item) : null;
    if (saturation) reasons.set('saturation', saturation);
    if (kneeStep === i) reasons.set('knee', kneeReason(evidence[i - 1]!.step, item.step));
    const resource = resourceSignal(item.resources, ceilings);
    if (resource) reasons.set('resource', resource);
    if (reasons.size === 0) continue;

    const signals = SIGNAL_ORDER.filter((s) => reasons.has(s));
    const lastGood = i > 0 ? evidence[i - 1]!.step : null;
    const mode = modeOf(model, evidence.slice(i), lastGood);
    const step = item.step;
    const detail = [
      `breaks at ${step.name} (${formatOffered(step)}): ${signals.map((s) => reasons.get(s)).join('; ')}`,
      lastGood ? `sustainable capacity ${round(lastGood.throughputRps)} req/s at ${lastGood.name}` : 'the first step already broke: no capacity below it was measured',
      mode ? modeText(mode) : '',
    ].filter(Boolean);
    return {
      applicable: true,
      found: true,
      stepIndex: step.index,
      offered: step.offered,
      offeredUnit: step.offeredUnit,
      capacityRps: lastGood?.throughputRps ?? null,
      signal: signals[0]!,
      signals,
      mode: mode?.mode ?? null,
      lastGoodStepIndex: lastGood?.index ?? null,
      detail: detail.join('; '),
    };
  }
  const top = evidence[evidence.length - 1]!.step;
  return { ...none, applicable: true, detail: `held every step up to ${formatOffered(top)}: no latency, error, saturation, knee or resource signal` };
}

/** persists says whether a condition held in enough of a step's seconds to be more than noise. */
function persists(flags: readonly boolean[]): boolean {
  const held = flags.filter(Boolean).length;
  return held >= Math.min(BREAKING_RULES.persistSeconds, flags.length) && held >= flags.length * BREAKING_RULES.persistFraction && held > 0;
}

function latencySignal({ step, seconds }: StepEvidence, limits: Limits): string | null {
  for (const p of LATENCY_KEYS) {
    const limit = limits.latency?.[p];
    const observed = step.latencyMs?.[p];
    if (limit === undefined || observed === undefined || observed <= limit) continue;
    if (persists(seconds.map((s) => (s.latency?.[p] ?? 0) > limit))) return `${p} latency ${round(observed)} ms over the ${limit} ms limit`;
  }
  return null;
}

function errorSignal({ step, seconds }: StepEvidence, limits: Limits): string | null {
  const limit = limits.errorRate;
  if (limit === undefined || step.errorRate <= limit) return null;
  if (!persists(seconds.map((s) => (s.errorRate ?? 0) > limit))) return null;
  return `error rate ${percent(step.errorRate)} over the ${percent(limit)} limit`;
}

function saturationSignal({ step, seconds }: StepEvidence): string | null {
  const floor = 1 - BREAKING_RULES.saturationShortfall;
  if (step.throughputRps >= step.offeredRps * floor) return null;
  if (!persists(seconds.map((s) => s.offeredRps !== null && s.completed < s.offeredRps * floor))) return null;
  return `throughput ${round(step.throughputRps)} req/s is ${percent(1 - step.throughputRps / step.offeredRps)} short of the ${round(step.offeredRps)} req/s offered`;
}

/**
 * kneeBreak is the position of the step just past the knee of throughput against offered load,
 * when that step confirms it: throughput grew by less than half as much as the load, while p95
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

function kneeReason(at: StepSummary, past: StepSummary): string {
  return `throughput stopped following the load (knee at ${at.name}: ${round(at.throughputRps)} → ${round(past.throughputRps)} req/s while the load rose ${percent(past.offered / at.offered - 1)} and p95 rose to ${round(past.latencyMs?.p95 ?? 0)} ms)`;
}

function resourceSignal(use: ResourceUse, ceilings: Ceilings): string | null {
  const over: string[] = [];
  if (ceilings.cpu !== undefined && use.cpuPercent !== null && use.cpuPercent / 100 > ceilings.cpu) over.push(`node CPU ${round(use.cpuPercent)} % over the ${percent(ceilings.cpu)} ceiling`);
  if (ceilings.memory !== undefined && use.memoryBytes !== null && use.memoryBytes > ceilings.memory) over.push(`node memory ${gigabytes(use.memoryBytes)} over the ${gigabytes(ceilings.memory)} ceiling`);
  if (ceilings.connections !== undefined && use.connections !== null && use.connections > ceilings.connections) over.push(`${round(use.connections)} connections over the ${ceilings.connections} ceiling`);
  if (ceilings.disk !== undefined && use.diskBytesPerSecond !== null && use.diskBytesPerSecond > ceilings.disk) over.push(`disk ${round(use.diskBytesPerSecond / 1e6)} MB/s over the ${round(ceilings.disk / 1e6)} MB/s ceiling`);
  if (ceilings.network !== undefined && use.networkBitsPerSecond !== null && use.networkBitsPerSecond > ceilings.network) over.push(`network ${round(use.networkBitsPerSecond / 1e6)} Mbps over the ${round(ceilings.network / 1e6)} Mbps ceiling`);
  return over.length > 0 ? over.join(', ') : null;
}

/**
 * modeOf tells graceful degradation (ok responses per second hold near the last good step's while
 * latency or errors rise) from collapse (they fall more than 20 % below it, at the breaking step
 * or any later one). With no good step before, the open model compares with the offered rate.
 */
function modeOf(model: LoadModel, pastBreak: readonly StepEvidence[], lastGood: StepSummary | null): { mode: 'graceful' | 'collapse'; worst: StepSummary; reference: number } | null {
  const reference = lastGood?.okRps ?? (model === 'open' ? pastBreak[0]!.step.offeredRps : null);
  if (reference === null || reference <= 0) return null;
  const worst = pastBreak.map((e) => e.step).reduce((a, b) => (b.okRps < a.okRps ? b : a));
  const collapsed = worst.okRps < reference * (1 - BREAKING_RULES.collapseDrop);
  return { mode: collapsed ? 'collapse' : 'graceful', worst, reference };
}

function modeText({ mode, worst, reference }: { mode: 'graceful' | 'collapse'; worst: StepSummary; reference: number }): string {
  return mode === 'collapse'
    ? `collapse: ok responses fell to ${round(worst.okRps)}/s at ${worst.name}, ${percent(worst.okRps / reference)} of the ${round(reference)}/s before the break`
    : `graceful: ok responses held at ${round(worst.okRps)}/s or more, against ${round(reference)}/s before the break`;
}

function formatOffered(step: StepSummary): string {
  return step.offeredUnit === 'vus' ? `${round(step.offered)} virtual users` : `${round(step.offered)} req/s offered`;
}

function gigabytes(bytes: number): string {
  return `${round(bytes / 1e9)} GB`;
}
