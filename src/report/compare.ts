import type { Summary } from '../analysis/summary-types.ts';
import { DEFAULT_TOLERANCES, type Tolerances } from '../config/tolerances.ts';

export { DEFAULT_TOLERANCES, type Tolerances };

// Comparing two runs for a nightly gate: which figures moved beyond a tolerance, and which way.
// Pure: the caller reads the two summaries, a renderer writes the result.

/** NOT_RECOVERED stands for a recovery that was measured and never came: worse than any number of seconds. */
export const NOT_RECOVERED = Number.POSITIVE_INFINITY;

export type MetricStatus = 'ok' | 'regression' | 'improvement' | 'no data';

export interface MetricComparison {
  name: string;
  unit: 'req/s' | 'ms' | 'ratio' | 's';
  better: 'higher' | 'lower';
  baseline: number | null;
  current: number | null;
  /** current − baseline, in the unit. */
  change: number | null;
  /** change / baseline; null when the baseline is 0 or missing. */
  relativeChange: number | null;
  /** How far the figure may move the wrong way: relative (latency, throughput) or absolute (error rate, recovery). */
  tolerance: { kind: 'relative' | 'absolute'; value: number };
  status: MetricStatus;
}

export interface RunIdentity {
  runId: string;
  profile: string;
  form: Summary['form'];
  model: Summary['model'];
  engine: string;
  verdict: Summary['verdict'];
  startedAt: string;
}

export interface Comparison {
  baseline: RunIdentity;
  current: RunIdentity;
  metrics: MetricComparison[];
  regressions: MetricComparison[];
  /** Why the two runs may not be like for like (another profile, form, model or engine). */
  caveats: string[];
}

interface MetricSpec {
  name: string;
  unit: MetricComparison['unit'];
  better: MetricComparison['better'];
  tolerance: MetricComparison['tolerance'];
  read: (summary: Summary) => number | null;
}

/**
 * compareRuns compares the current run with a baseline, figure by figure: throughput, latency
 * percentiles, error rate, capacity, recovery time and each collection's p95. A figure that moves
 * the wrong way beyond its tolerance is a regression; one that is missing on either side is
 * "no data", never a pass; one missing on both sides (a recovery time for a stepped profile) is
 * left out.
 */
export function compareRuns(baseline: Summary, current: Summary, tolerances: Tolerances = DEFAULT_TOLERANCES): Comparison {
  const latency = { kind: 'relative', value: tolerances.latencyIncrease } as const;
  const specs: MetricSpec[] = [
    { name: 'throughput', unit: 'req/s', better: 'higher', tolerance: { kind: 'relative', value: tolerances.throughputDecrease }, read: (s) => s.totals.throughputRps },
    { name: 'capacity', unit: 'req/s', better: 'higher', tolerance: { kind: 'relative', value: tolerances.throughputDecrease }, read: (s) => s.breakingPoint.capacityRps },
    { name: 'p50 latency', unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.latencyMs?.p50 ?? null },
    { name: 'p95 latency', unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.latencyMs?.p95 ?? null },
    { name: 'p99 latency', unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.latencyMs?.p99 ?? null },
    { name: 'error rate', unit: 'ratio', better: 'lower', tolerance: { kind: 'absolute', value: tolerances.errorRateIncrease }, read: (s) => (s.totals.completed > 0 ? s.totals.errorRate : null) },
    { name: 'recovery time', unit: 's', better: 'lower', tolerance: { kind: 'absolute', value: tolerances.recoveryIncreaseSeconds }, read: recoverySeconds },
    ...[...new Set([...Object.keys(baseline.collections), ...Object.keys(current.collections)])].sort().map(
      (collection): MetricSpec => ({ name: `p95 latency: ${collection}`, unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.collections[collection]?.latencyMs?.p95 ?? null }),
    ),
  ];
  const metrics = specs.flatMap((spec) => {
    const [before, after] = [spec.read(baseline), spec.read(current)];
    return before === null && after === null ? [] : [compareMetric(spec, before, after)];
  });
  return {
    baseline: identity(baseline),
    current: identity(current),
    metrics,
    regressions: metrics.filter((metric) => metric.status === 'regression'),
    caveats: caveats(baseline, current),
  };
}

function compareMetric(spec: MetricSpec, baseline: number | null, current: number | null): MetricComparison {
  const result = { name: spec.name, unit: spec.unit, better: spec.better, tolerance: spec.tolerance, baseline, current };
  if (baseline === null || current === null) return { ...result, change: null, relativeChange: null, status: 'no data' };
  // Equal values give no change even when both are NOT_RECOVERED (Infinity − Infinity is NaN).
  const change = baseline === current ? 0 : current - baseline;
  const relativeChange = baseline !== 0 && Number.isFinite(change) ? change / baseline : null;
  if (change === 0) return { ...result, change, relativeChange, status: 'ok' };
  // worse is positive when the figure moved the wrong way: up for latency, down for throughput.
  const worse = spec.better === 'lower' ? change : -change;
  const measure = spec.tolerance.kind === 'absolute' ? worse : baseline === 0 ? Math.sign(worse) * Infinity : worse / Math.abs(baseline);
  const status: MetricStatus = measure > spec.tolerance.value ? 'regression' : measure < -spec.tolerance.value ? 'improvement' : 'ok';
  return { ...result, change, relativeChange, status };
}

/** recoverySeconds reads a measured recovery; one that never came within the run is NOT_RECOVERED. */
function recoverySeconds(summary: Summary): number | null {
  const { recovery } = summary;
  if (!recovery.applicable || !recovery.measured) return null;
  return recovery.seconds ?? NOT_RECOVERED;
}

function identity(summary: Summary): RunIdentity {
  const { runId, profile, form, model, engine, verdict, startedAt } = summary;
  return { runId, profile, form, model, engine, verdict, startedAt };
}

function caveats(baseline: Summary, current: Summary): string[] {
  const fields = ['profile', 'form', 'model', 'engine'] as const;
  const differing = fields.filter((field) => baseline[field] !== current[field]).map((field) => `${field} ${baseline[field]} → ${current[field]}`);
  const incomplete = [baseline, current].filter((s) => !s.complete).map((s) => `run ${s.runId} is incomplete`);
  const inconclusive = [baseline, current].filter((s) => s.verdict === 'inconclusive').map((s) => `run ${s.runId} is inconclusive`);
  return [...(differing.length > 0 ? [`the runs differ: ${differing.join(', ')}; their figures may not compare`] : []), ...incomplete, ...inconclusive];
}
