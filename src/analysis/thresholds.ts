import type { Limits, ThresholdsDefinition } from '../config/thresholds-schema.ts';
import type { LatencySummary, Recovery, ThresholdMetric, ThresholdReason, ThresholdResult, Unit } from './summary-types.ts';

// Evaluates thresholds.yaml against a run. A limit whose data is missing is "no-data", never a pass.

const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

/** ThresholdObservations are the run's figures the limits are checked against. */
export interface ThresholdObservations {
  profile: string;
  /** plan.scale.load: limits on load (throughput, connections) are written for the full form. */
  loadScale: number;
  latency: LatencySummary | null;
  errorRate: number | null;
  collections: Record<string, { latency: LatencySummary | null; errorRate: number | null }>;
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
    if (limit !== undefined) results.push(latencyResult(p, limit, scopeOf(fromProfile !== undefined), observed.latency));
  }
  const pick = <K extends keyof Limits>(key: K): { limit: Limits[K]; scope: string } => ({
    limit: profileLimits[key] ?? definition.global[key],
    scope: scopeOf(profileLimits[key] !== undefined),
  });

  const errorRate = pick('errorRate');
  if (errorRate.limit !== undefined) results.push(errorRateResult(errorRate.limit, errorRate.scope, observed.errorRate));

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
      if (limit !== undefined) results.push(latencyResult(p, limit, `collection:${name}`, figures.latency));
    }
    if (limits.errorRate !== undefined) results.push(errorRateResult(limits.errorRate, `collection:${name}`, figures.errorRate));
  }
  return results;
}

function latencyResult(p: (typeof PERCENTILES)[number], limit: number, scope: string, latency: LatencySummary | null): ThresholdResult {
  const result = check(`latency.${p}`, scope, 'at-most', limit, latency?.[p] ?? null, 'ms');
  return latency ? result : { ...result, reason: 'no-latency' };
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
