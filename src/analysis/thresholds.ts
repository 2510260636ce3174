import type { Limits, ThresholdsDefinition } from '../config/thresholds-schema.ts';
import type { LatencySummary, Recovery, ThresholdMetric, ThresholdReason, ThresholdResult, Unit } from './summary-types.ts';

// Evaluates thresholds.yaml against a run. A limit whose data is missing is "no-data", never a pass.

const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

/** ThresholdObservations are the run's figures the limits are checked against. */
export interface ThresholdObservations {
  profile: string;
  /** plan.scale.load: limits on load (throughput, connections) are written for the full form. */
  loadScale: number;
  /** Latency of the ok responses. */
  latency: LatencySummary | null;
  /** false when some windows could not keep ok latency apart from failed (engine protocol 1): latency includes failures. */
  latencySplit: boolean;
  errorRate: number | null;
  /** (errors + dropped) / scheduled. */
  unservedRate: number | null;
  collections: Record<string, { latency: LatencySummary | null; latencySplit: boolean; errorRate: number | null; unservedRate: number | null }>;
  /** The best step's steady-state ok responses per second. */
  bestOkRps: number | null;
  /** The busiest node's mean CPU over the busiest step, %. */
  cpuPercent: number | null;
  memoryUsedPercent: number | null;
  connectionsHeld: number | null;
  recovery: Recovery;
}

/** runLimits are the global limits with the profile's overrides key by key: what the whole run is held to. */
export function runLimits(definition: ThresholdsDefinition, profile: string): Limits {
  const overrides = definition.profiles[profile] ?? {};
  const limits: Limits = { ...definition.global };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined && key !== 'latency') Object.assign(limits, { [key]: value });
  const latency = { ...definition.global.latency };
  for (const [key, value] of Object.entries(overrides.latency ?? {})) if (value !== undefined) Object.assign(latency, { [key]: value });
  return { ...limits, latency };
}

/**
 * evaluateThresholds checks the global limits, with the profile's overrides key by key, against
 * the whole run; and each collection's own limits against that collection's requests.
 */
export function evaluateThresholds(definition: ThresholdsDefinition, observed: ThresholdObservations): ThresholdResult[] {
  const profileLimits = definition.profiles[observed.profile] ?? {};
  const scopeOf = (inProfile: boolean): string => (inProfile ? `profile:${observed.profile}` : 'global');
  const results: ThresholdResult[] = [];

  for (const p of PERCENTILES) {
    const fromProfile = profileLimits.latency?.[p];
    const limit = fromProfile ?? definition.global.latency?.[p];
    if (limit !== undefined) results.push(latencyResult(p, limit, scopeOf(fromProfile !== undefined), observed.latency, observed.latencySplit));
  }
  const pick = <K extends keyof Limits>(key: K): { limit: Limits[K]; scope: string } => ({
    limit: profileLimits[key] ?? definition.global[key],
    scope: scopeOf(profileLimits[key] !== undefined),
  });

  const errorRate = pick('errorRate');
  if (errorRate.limit !== undefined) results.push(errorRateResult(errorRate.limit, errorRate.scope, observed.errorRate));
  const unserved = pick('unserved');
  if (unserved.limit !== undefined) results.push(unservedResult(unserved.limit, unserved.scope, observed.unservedRate));

  const scaled = (key: 'throughput' | 'connections', unit: Unit, value: number | null, reason: ThresholdReason): void => {
    const { limit, scope } = pick(key);
    if (limit === undefined) return;
    const result = { ...check(key, scope, 'at-least', limit * observed.loadScale, value, unit), reason };
    results.push(observed.loadScale === 1 ? result : { ...result, loadScale: observed.loadScale });
  };
  scaled('throughput', 'req/s', observed.bestOkRps, 'best-step-ok-rps');
  scaled('connections', 'connections', observed.connectionsHeld, 'most-connections-held');

  const nodeUse = (key: 'cpu' | 'memory', valuePercent: number | null, missing: ThresholdReason): void => {
    const { limit, scope } = pick(key);
    if (limit === undefined) return;
    const value = valuePercent === null ? null : valuePercent / 100;
    results.push({ ...check(key, scope, 'at-most', limit, value, 'ratio'), reason: value === null ? missing : 'busiest-node-mean' });
  };
  nodeUse('cpu', observed.cpuPercent, 'no-cpu-samples');
  nodeUse('memory', observed.memoryUsedPercent, 'no-memory-samples');

  const recovery = pick('recovery');
  if (recovery.limit !== undefined && observed.recovery.applicable) results.push(recoveryResult(recovery.limit, recovery.scope, observed.recovery));

  for (const [name, limits] of Object.entries(definition.collections)) {
    const figures = observed.collections[name];
    // A collection left out of this run (--collections) has nothing to be held to.
    if (!figures) continue;
    for (const p of PERCENTILES) {
      const limit = limits.latency?.[p];
      if (limit !== undefined) results.push(latencyResult(p, limit, `collection:${name}`, figures.latency, figures.latencySplit));
    }
    if (limits.errorRate !== undefined) results.push(errorRateResult(limits.errorRate, `collection:${name}`, figures.errorRate));
    if (limits.unserved !== undefined) results.push(unservedResult(limits.unserved, `collection:${name}`, figures.unservedRate));
  }
  return results;
}

/**
 * latencyResult holds the ok responses' latency to the limit. Where the engine mixed failed
 * requests into it (split false), the value is shown but cannot pass or fail: it is no data.
 */
function latencyResult(p: (typeof PERCENTILES)[number], limit: number, scope: string, latency: LatencySummary | null, split: boolean): ThresholdResult {
  const result = check(`latency.${p}`, scope, 'at-most', limit, latency?.[p] ?? null, 'ms');
  if (!latency) return { ...result, reason: 'no-latency' };
  return split ? result : { ...result, status: 'no-data', reason: 'ok-latency-not-split' };
}

function unservedResult(limit: number, scope: string, observed: number | null): ThresholdResult {
  const result = check('unserved', scope, 'at-most', limit, observed, 'ratio');
  return observed === null ? { ...result, reason: 'no-requests' } : result;
}

function errorRateResult(limit: number, scope: string, observed: number | null): ThresholdResult {
  const result = check('errorRate', scope, 'at-most', limit, observed, 'ratio');
  return observed === null ? { ...result, reason: 'no-requests' } : result;
}

function recoveryResult(limit: number, scope: string, recovery: Recovery): ThresholdResult {
  const result: ThresholdResult = { ...check('recoverySeconds', scope, 'at-most', limit, recovery.seconds, 's'), reason: 'recovery' };
  // Not coming back within the run is a measured failure, not missing data.
  return recovery.measured && recovery.seconds === null ? { ...result, status: 'fail' } : result;
}

function check(metric: ThresholdMetric, scope: string, comparison: ThresholdResult['comparison'], limit: number, value: number | null, unit: Unit): ThresholdResult {
  const status = value === null ? 'no-data' : (comparison === 'at-most' ? value <= limit : value >= limit) ? 'pass' : 'fail';
  return { metric, scope, comparison, limit, value, unit, status };
}
