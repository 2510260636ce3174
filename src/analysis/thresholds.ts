import type { Limits, ThresholdsDefinition } from '../config/thresholds-schema.ts';
import type { LatencySummary, Recovery, ThresholdResult } from './summary-types.ts';

// Evaluates thresholds.yaml against a run. A limit whose data is missing is "no data", never a pass.

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

  const scaled = (key: 'throughput' | 'connections', name: string, unit: string, value: number | null, what: string): void => {
    const { limit, scope } = pick(key);
    if (limit === undefined) return;
    const note = observed.loadScale === 1 ? what : `${what}; the limit is the full form’s ${limit} ${unit} × load scale ${observed.loadScale}`;
    results.push(withNote(check(name, scope, key, 'min', limit * observed.loadScale, value, unit), note));
  };
  scaled('throughput', 'throughput', 'req/s', observed.bestOkRps, 'ok responses per second at the best step’s steady state');
  scaled('connections', 'connections held', 'connections', observed.connectionsHeld, 'the most connections the engine held open at once');

  const nodeUse = (key: 'cpu' | 'memory', name: string, valuePercent: number | null, missing: string): void => {
    const { limit, scope } = pick(key);
    if (limit === undefined) return;
    const value = valuePercent === null ? null : valuePercent / 100;
    results.push(withNote(check(name, scope, key, 'max', limit, value, 'ratio'), value === null ? missing : 'the busiest node’s mean over the busiest step'));
  };
  nodeUse('cpu', 'node CPU', observed.cpuPercent, 'no CPU samples from the nodes (target-process or prometheus-node)');
  nodeUse('memory', 'node memory', observed.memoryUsedPercent, 'no memory-used samples from the target hosts (prometheus-node or target-process)');

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
  const result = check(`${p} latency`, scope, `latency.${p}`, 'max', limit, latency?.[p] ?? null, 'ms');
  return latency ? result : withNote(result, 'no latency was recorded');
}

function errorRateResult(limit: number, scope: string, observed: number | null): ThresholdResult {
  const result = check('error rate', scope, 'errorRate', 'max', limit, observed, 'ratio');
  return observed === null ? withNote(result, 'no request was sent') : result;
}

function recoveryResult(limit: number, scope: string, recovery: Recovery): ThresholdResult {
  const result = check('recovery time', scope, 'recoverySeconds', 'max', limit, recovery.seconds, 's');
  // Not coming back within the run is a measured failure, not missing data.
  if (recovery.measured && recovery.seconds === null) return { ...result, status: 'fail', note: recovery.detail };
  return withNote(result, recovery.detail);
}

function check(name: string, scope: string, metric: string, kind: 'max' | 'min', limit: number, observed: number | null, unit: string): ThresholdResult {
  const status = observed === null ? 'no data' : (kind === 'max' ? observed <= limit : observed >= limit) ? 'pass' : 'fail';
  return { name, scope, metric, kind, limit, observed, unit, status };
}

function withNote(result: ThresholdResult, note: string): ThresholdResult {
  return { ...result, note };
}
