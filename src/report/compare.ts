import { median, type RepeatSummary } from '../analysis/repeat.ts';
import type { Summary } from '../analysis/summary-types.ts';
import { DEFAULT_TOLERANCES, type Tolerances } from '../config/tolerances.ts';

export { DEFAULT_TOLERANCES, type Tolerances };

// Comparing two runs for a nightly gate: which figures moved beyond a tolerance, and which way.
// Pure: the caller reads the two summaries, a renderer writes the result.

/** NOT_RECOVERED stands for a recovery that was measured and never came: worse than any number of seconds. */
export const NOT_RECOVERED = Number.POSITIVE_INFINITY;

export type MetricStatus = 'ok' | 'regression' | 'improvement' | 'no data';

/** NoiseBand is the baseline repeat's lowest and highest value of a figure: a difference inside it is noise. */
export interface NoiseBand {
  min: number;
  max: number;
  runs: number;
}

export interface MetricComparison {
  name: string;
  unit: 'req/s' | 'ms' | 'ratio' | 's';
  better: 'higher' | 'lower';
  baseline: number | null;
  current: number | null;
  /** The baseline repeat's spread of the figure; null for a single baseline run. */
  baselineBand: NoiseBand | null;
  /** The figure moved beyond its tolerance but stayed inside the baseline's band: noise, not a change. */
  withinNoise: boolean;
  /** current − baseline, in the unit. */
  change: number | null;
  /** change / baseline; null when the baseline is 0 or missing. */
  relativeChange: number | null;
  /** How far the figure may move the wrong way: relative (latency, throughput) or absolute (error rate, recovery). */
  tolerance: { kind: 'relative' | 'absolute'; value: number };
  status: MetricStatus;
}

export interface RunIdentity {
  /** The run's id, or the repeat's. */
  runId: string;
  /** 1 for a run; a repeat's runs, whose median each figure is. */
  runs: number;
  profile: string;
  form: Summary['form'];
  model: Summary['model'];
  engine: string;
  verdict: Summary['verdict'];
  startedAt: string;
}

/**
 * ComparisonOutcome: regression (a figure moved the wrong way beyond its tolerance and the
 * baseline's band), inconclusive (none did, but a figure is missing on one side), no-regression.
 */
export type ComparisonOutcome = 'no-regression' | 'regression' | 'inconclusive';

export interface Comparison {
  baseline: RunIdentity;
  current: RunIdentity;
  outcome: ComparisonOutcome;
  metrics: MetricComparison[];
  regressions: MetricComparison[];
  /** Figures missing on one side: no data is never "no regression". */
  noData: MetricComparison[];
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
 * ComparedSide is one side of a comparison: one run, or the runs of a repeat (`stress --repeat`),
 * whose median each figure is and whose spread is the noise band.
 */
export interface ComparedSide {
  identity: RunIdentity;
  summaries: readonly Summary[];
}

/** sideOfRepeat is a repeat as a side of a comparison: its runs' summaries under the repeat's id and verdict. */
export function sideOfRepeat(repeat: RepeatSummary, summaries: readonly Summary[]): ComparedSide {
  const first = summaries[0];
  if (!first) throw new Error(`repeat ${repeat.repeatId} has no run to compare`);
  return { identity: { ...identity(first), runId: repeat.repeatId, runs: summaries.length, verdict: repeat.verdict }, summaries };
}

/**
 * compareRuns compares the current run with a baseline, figure by figure: throughput, latency
 * percentiles, error rate, capacity, recovery time and each collection's p95. A figure that moves
 * the wrong way beyond its tolerance is a regression, unless the baseline is a repeat and the
 * figure stays within the repeat's spread (its band: cf. autocannon-compare, a difference inside
 * the noise is no regression). One missing on either side is "no data", never a pass, and makes
 * the comparison inconclusive; one missing on both sides (a recovery time for a stepped profile)
 * is left out. Either side may be a repeat: its figures are its runs' medians.
 */
export function compareRuns(baselineRun: Summary | ComparedSide, currentRun: Summary | ComparedSide, tolerances: Tolerances = DEFAULT_TOLERANCES): Comparison {
  const baseline = sideOf(baselineRun);
  const current = sideOf(currentRun);
  const collectionNames = (side: ComparedSide): string[] => side.summaries.flatMap((s) => Object.keys(s.collections));
  const latency = { kind: 'relative', value: tolerances.latencyIncrease } as const;
  const specs: MetricSpec[] = [
    { name: 'throughput', unit: 'req/s', better: 'higher', tolerance: { kind: 'relative', value: tolerances.throughputDecrease }, read: (s) => s.totals.throughputRps },
    { name: 'capacity', unit: 'req/s', better: 'higher', tolerance: { kind: 'relative', value: tolerances.throughputDecrease }, read: (s) => s.breakingPoint.capacityRps },
    { name: 'p50 latency', unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.latencyMs?.p50 ?? null },
    { name: 'p95 latency', unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.latencyMs?.p95 ?? null },
    { name: 'p99 latency', unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.latencyMs?.p99 ?? null },
    { name: 'error rate', unit: 'ratio', better: 'lower', tolerance: { kind: 'absolute', value: tolerances.errorRateIncrease }, read: (s) => (s.totals.completed > 0 ? s.totals.errorRate : null) },
    { name: 'recovery time', unit: 's', better: 'lower', tolerance: { kind: 'absolute', value: tolerances.recoveryIncreaseSeconds }, read: recoverySeconds },
    ...[...new Set([...collectionNames(baseline), ...collectionNames(current)])].sort().map(
      (collection): MetricSpec => ({ name: `p95 latency: ${collection}`, unit: 'ms', better: 'lower', tolerance: latency, read: (s) => s.collections[collection]?.latencyMs?.p95 ?? null }),
    ),
  ];
  const metrics = specs.flatMap((spec) => {
    const [before, after] = [medianOf(baseline, spec.read), medianOf(current, spec.read)];
    return before === null && after === null ? [] : [compareMetric(spec, before, after, bandOf(baseline, spec.read))];
  });
  const regressions = metrics.filter((metric) => metric.status === 'regression');
  const noData = metrics.filter((metric) => metric.status === 'no data');
  return {
    baseline: baseline.identity,
    current: current.identity,
    outcome: regressions.length > 0 ? 'regression' : noData.length > 0 ? 'inconclusive' : 'no-regression',
    metrics,
    regressions,
    noData,
    caveats: caveats(baseline, current),
  };
}

function sideOf(side: Summary | ComparedSide): ComparedSide {
  return 'summaries' in side ? side : { identity: identity(side), summaries: [side] };
}

/** medianOf is a side's figure: its run's, or its runs' median; null (no data) when any run lacks it. */
function medianOf(side: ComparedSide, read: MetricSpec['read']): number | null {
  const values = side.summaries.map(read);
  if (values.length === 0 || values.some((v) => v === null)) return null;
  // Compared, not subtracted: NOT_RECOVERED is Infinity, and Infinity − Infinity is NaN.
  return median((values as number[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** bandOf is a repeat's spread of a figure; none for a single run, or when a run lacks the figure. */
function bandOf(side: ComparedSide, read: MetricSpec['read']): NoiseBand | null {
  const values = side.summaries.map(read);
  if (values.length < 2 || values.some((v) => v === null)) return null;
  const present = values as number[];
  return { min: Math.min(...present), max: Math.max(...present), runs: present.length };
}

function compareMetric(spec: MetricSpec, baseline: number | null, current: number | null, band: NoiseBand | null): MetricComparison {
  const result = { name: spec.name, unit: spec.unit, better: spec.better, tolerance: spec.tolerance, baseline, current, baselineBand: band, withinNoise: false };
  if (baseline === null || current === null) return { ...result, change: null, relativeChange: null, status: 'no data' };
  // Equal values give no change even when both are NOT_RECOVERED (Infinity − Infinity is NaN).
  const change = baseline === current ? 0 : current - baseline;
  const relativeChange = baseline !== 0 && Number.isFinite(change) ? change / baseline : null;
  if (change === 0) return { ...result, change, relativeChange, status: 'ok' };
  // worse is positive when the figure moved the wrong way: up for latency, down for throughput.
  const worse = spec.better === 'lower' ? change : -change;
  const measure = spec.tolerance.kind === 'absolute' ? worse : baseline === 0 ? Math.sign(worse) * Infinity : worse / Math.abs(baseline);
  const status: MetricStatus = measure > spec.tolerance.value ? 'regression' : measure < -spec.tolerance.value ? 'improvement' : 'ok';
  if (status !== 'ok' && band !== null && band.min <= current && current <= band.max) return { ...result, change, relativeChange, status: 'ok', withinNoise: true };
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
  return { runId, runs: 1, profile, form, model, engine, verdict, startedAt };
}

function caveats(baselineSide: ComparedSide, currentSide: ComparedSide): string[] {
  const [baseline, current] = [baselineSide.identity, currentSide.identity];
  const fields = ['profile', 'form', 'model', 'engine'] as const;
  const differing = fields.filter((field) => baseline[field] !== current[field]).map((field) => `${field} ${baseline[field]} → ${current[field]}`);
  const runs = [...baselineSide.summaries, ...currentSide.summaries];
  const incomplete = runs.filter((s) => !s.complete).map((s) => `run ${s.runId} is incomplete`);
  const inconclusive = runs.filter((s) => s.verdict === 'inconclusive').map((s) => `run ${s.runId} is inconclusive`);
  return [...(differing.length > 0 ? [`the runs differ: ${differing.join(', ')}; their figures may not compare`] : []), ...incomplete, ...inconclusive];
}
