import type { ErrorCounts } from '../runfolder/engine-lines.ts';
import type { HistogramStats } from '../runfolder/histogram.ts';
import type { SampleKind } from '../runfolder/sample-lines.ts';
import type { SamplerStatus } from '../samplers/sampler.ts';

// summary.json: everything the analysis concludes from a run folder, as numbers and codes. Reports
// turn them into words (src/report/wording/); CI gates read its verdict. All latencies are
// milliseconds, rates per second, shares and ratios 0..1.

/**
 * SUMMARY_SCHEMA_VERSION 3: latencyMs is the ok responses' latency (failedLatencyMs beside it)
 * and throughputRps is goodput (completedRps beside it), in the run, its steps and collections.
 * Version 2 counted every completion in both. Since version 2 the summary holds numbers and
 * codes, never sentences; src/report/ words them. Version 1 held English strings beside them.
 */
export const SUMMARY_SCHEMA_VERSION = 3;

/** LatencySummary is a merged histogram's figures in milliseconds (count is a number of requests). */
export type LatencySummary = HistogramStats;

export interface Totals {
  scheduled: number;
  /** Requests sent. */
  requests: number;
  completed: number;
  ok: number;
  errors: number;
  /** errors / completed. */
  errorRate: number;
  /** Goodput: ok responses per second over the measured duration. */
  throughputRps: number;
  /** Completed requests (ok or not) per second over the measured duration. */
  completedRps: number;
  /** dropped / scheduled: arrivals the engine could not send; null when nothing was scheduled. */
  droppedShare: number | null;
  /** (errors + dropped) / scheduled: arrivals that got no ok answer; null when nothing was scheduled. */
  unservedRate: number | null;
  /** Seconds with data outside warmup and cooldown stages: what every run-level figure counts. */
  seconds: number;
  dropped: number;
  bytesIn: number;
  bytesOut: number;
}

export interface CollectionSummary {
  pattern: string;
  requests: number;
  /** Achieved share of all requests, and the share the mix asked for. */
  share: number;
  expectedShare: number;
  errorRate: number;
  /** (errors + dropped) / scheduled; null when nothing was scheduled. */
  unservedRate: number | null;
  /** Latency of the ok responses; failedLatencyMs that of the failed ones. */
  latencyMs: LatencySummary | null;
  failedLatencyMs: LatencySummary | null;
}

export interface StepSummary {
  index: number;
  name: string;
  role: string;
  startSecond: number;
  endSecond: number;
  /** The step's figures count from here to endSecond: its first seconds are skipped (steadyRange). */
  steadyFromSecond: number;
  /** Seconds with data the step's figures come from. */
  seconds: number;
  /** The plan's target for the step (its end target when it ramps). */
  offered: number;
  offeredUnit: 'req/s' | 'vus';
  /** Offered arrivals per second (open model) so steps compare across models. */
  offeredRps: number;
  /** Goodput: ok responses per second, what the knee, the USL and the capacity read. */
  throughputRps: number;
  /** Completed requests (ok or not) per second. */
  completedRps: number;
  /** Latency of the ok responses; failedLatencyMs that of the failed ones. */
  latencyMs: LatencySummary | null;
  failedLatencyMs: LatencySummary | null;
  serverTimeMs: LatencySummary | null;
  errorRate: number;
  dropped: number;
  /** dropped / scheduled, and (errors + dropped) / scheduled; null when nothing was scheduled. */
  droppedShare: number | null;
  unservedRate: number | null;
  /** Mean requests in flight, ok or not (Little's law: completed per second × their mean latency), the USL's N. */
  concurrency: number;
  /** The highest one-second p99 of the Redis probe (it keeps no histogram, so seconds cannot be merged). */
  redisLatencyP99Ms: number | null;
  /** The busiest node's mean CPU over the step. */
  nodeCpuPercent: number | null;
  recall: number | null;
}

export type ThresholdStatus = 'pass' | 'fail' | 'no-data';

/** ThresholdMetric names what a limit holds: thresholds.yaml's key (latency by percentile). */
export type ThresholdMetric = 'latency.p50' | 'latency.p90' | 'latency.p95' | 'latency.p99' | 'latency.max' | 'errorRate' | 'throughput' | 'connections' | 'cpu' | 'memory' | 'recoverySeconds' | 'unserved';

/** Unit is how a value is to be read: ratios are 0..1, bytes and bits per second are plain counts. */
export type Unit = 'ms' | 's' | 'ratio' | 'req/s' | 'connections' | 'bytes' | 'bytes/s' | 'bits/s';

/**
 * ThresholdReason says how a figure was measured (best-step-ok-rps, most-connections-held,
 * busiest-node-mean), why it has none (no-latency, no-requests, no-cpu-samples,
 * no-memory-samples, ok-latency-not-split: the engine did not record ok latency apart and some
 * requests failed), or that the recovery finding (Summary.recovery) explains it.
 */
export type ThresholdReason = 'ok-latency-not-split' | 'no-latency' | 'no-requests' | 'no-cpu-samples' | 'no-memory-samples' | 'best-step-ok-rps' | 'most-connections-held' | 'busiest-node-mean' | 'recovery';

export interface ThresholdResult {
  metric: ThresholdMetric;
  /** "global", "profile:spike" or "collection:deepcoder": where the limit came from / applies. */
  scope: string;
  /** at-most: the value must stay at or below the limit; at-least: at or above it. */
  comparison: 'at-most' | 'at-least';
  limit: number;
  value: number | null;
  unit: Unit;
  status: ThresholdStatus;
  reason?: ThresholdReason;
  /** Set when the limit is the full form's scaled by the plan's load scale: limit = full-form limit × loadScale. */
  loadScale?: number;
  /** Set when the outcome is shown but does not decide the verdict: latency limits of a closed-model run. */
  advisory?: 'closed-model';
}

export type BreakingSignal = 'latency' | 'errors' | 'drops' | 'saturation' | 'knee' | 'resource';

/** ResourceOver is one resource past its ceiling at the breaking step (cpu as a 0..1 ratio). */
export interface ResourceOver {
  resource: 'cpu' | 'memory' | 'connections' | 'disk' | 'network';
  value: number;
  ceiling: number;
  unit: Unit;
}

/** BreakingEvidence is the numbers behind one signal at the breaking step. */
export type BreakingEvidence =
  | { signal: 'latency'; percentile: 'p50' | 'p90' | 'p95' | 'p99'; valueMs: number; limitMs: number }
  | { signal: 'errors'; errorRate: number; limit: number }
  /** More than `limit` of the step's arrivals were dropped: it cannot be a good step, whatever its latency. */
  | { signal: 'drops'; droppedShare: number; limit: number }
  /** shortfall is 1 − throughput / offered. */
  | { signal: 'saturation'; throughputRps: number; offeredRps: number; shortfall: number }
  /** Throughput went fromRps → toRps from the knee step to the next while the load grew by loadGrowth (0.25 is +25 %). */
  | { signal: 'knee'; kneeStepIndex: number; fromRps: number; toRps: number; loadGrowth: number; p95Ms: number }
  | { signal: 'resource'; over: ResourceOver[] };

/**
 * BreakingPointCode: too-few-steps (nothing to search), held (no step broke, up to topStepIndex),
 * broke (at stepIndex).
 */
export type BreakingPointCode = 'too-few-steps' | 'held' | 'broke';

export interface BreakingPoint {
  code: BreakingPointCode;
  /** false when the run had no steps to search (e.g. baseline), or none broke. */
  found: boolean;
  applicable: boolean;
  stepIndex: number | null;
  offered: number | null;
  offeredUnit: 'req/s' | 'vus' | null;
  /** Throughput at the last good step: the sustainable capacity. */
  capacityRps: number | null;
  signal: BreakingSignal | null;
  /** Every signal that tripped at the breaking step, `signal` first. */
  signals: BreakingSignal[];
  /** The numbers behind each signal, in the order of `signals`. */
  evidence: BreakingEvidence[];
  /** The step before the breaking one, whose throughput is capacityRps. */
  lastGoodStepIndex: number | null;
  /** The highest step searched: what a run that held held up to. */
  topStepIndex: number | null;
  /** Behaviour past the breaking point: ok responses per second hold (graceful) or fall more than 20 % (collapse). */
  mode: 'graceful' | 'collapse' | null;
  /** The worst ok responses per second at or past the break against the reference before it (okRatio = worst / reference). */
  degradation: { worstStepIndex: number; worstOkRps: number; referenceOkRps: number; okRatio: number } | null;
}

/**
 * RecoveryCode: no-overload (nothing to time), no-baseline (no latency before the overload),
 * stopped-before-overload-end, too-short (fewer seconds recorded after the overload than the
 * hold: not judged), not-recovered (within the run), recovered.
 */
export type RecoveryCode = 'no-overload' | 'no-baseline' | 'stopped-before-overload-end' | 'too-short' | 'not-recovered' | 'recovered';

export interface Recovery {
  code: RecoveryCode;
  applicable: boolean;
  measured: boolean;
  /** Seconds from the end of the overload until latency and errors are back and stay back. */
  seconds: number | null;
  overloadEndSecond: number | null;
  recoveredAtSecond: number | null;
  /** The step the baseline figures come from. */
  baselineStepIndex: number | null;
  baselineP95Ms: number | null;
  worstP95Ms: number | null;
  baselineErrorRate: number | null;
  worstErrorRate: number | null;
  /**
   * A second is back when its p95 is at most p95LimitMs, its error rate at most errorRateLimit
   * and its dropped share of arrivals at most droppedShareLimit; recovered once a back second
   * opens holdSeconds in which at most outlierSeconds (never the first, never one with drops or
   * without data) are over the latency or error limit.
   */
  p95LimitMs: number | null;
  errorRateLimit: number | null;
  droppedShareLimit: number;
  holdSeconds: number;
  outlierSeconds: number;
  /** Seconds recorded after the overload ended: how long a recovery that never came was watched for. */
  watchedSeconds: number | null;
  /** Seconds for a killed node to be back in rotation, when the run killed one. */
  nodeBackInRotationSeconds?: number | null;
}

/** CapacityModelCode: fitted, too-few-points (fewer than minPoints steps with traffic), not-converged. */
export type CapacityModelCode = 'fitted' | 'too-few-points' | 'not-converged';

export interface CapacityModel {
  code: CapacityModelCode;
  fitted: boolean;
  sigma: number | null;
  kappa: number | null;
  lambda: number | null;
  peakConcurrency: number | null;
  peakThroughputRps: number | null;
  rSquared: number | null;
  /** The fewest steps with traffic the model is fitted to. */
  minPoints: number;
  points: Array<{ concurrency: number; throughputRps: number }>;
}

/**
 * HeadroomCode: not-stepped (the profile does not step the load up), broke-at-first-step,
 * no-target (no throughput target in the thresholds), lower-bound (no step broke: capacity is at
 * least capacityRps), above-target, below-target.
 */
export type HeadroomCode = 'not-stepped' | 'broke-at-first-step' | 'no-target' | 'lower-bound' | 'above-target' | 'below-target';

export interface Headroom {
  code: HeadroomCode;
  targetRps: number | null;
  capacityRps: number | null;
  /** capacityRps / targetRps. */
  ratio: number | null;
  /** true when no step broke, so the capacity is only known to be at least capacityRps. */
  capacityIsLowerBound: boolean;
}

export interface Fairness {
  measured: boolean;
  /** Share of requests per node over the run. */
  shares: Record<string, number>;
  coefficientOfVariation: number | null;
  /** null when a node served nothing. */
  maxMinRatio: number | null;
  perStep: Array<{ stepIndex: number; shares: Record<string, number>; coefficientOfVariation: number | null }>;
  /** Whether the balancer was sampled, so failovers were watched. */
  balancerWatched: boolean;
  failovers: Array<{ node: string; downSecond: number; upSecond: number | null }>;
  /** Requests that failed while a node was out of rotation. */
  lostDuringFailover: number | null;
}

/** IntegrityChange is a collection whose point count differs after the run (null: absent). */
export interface IntegrityChange {
  collection: string;
  before: number | null;
  after: number | null;
}

/** UncountedCollection is a collection whose points could not be counted before or after the run, with the reader's error. */
export interface UncountedCollection {
  collection: string;
  when: 'before' | 'after';
  error: string;
}

export interface GeneratorHealth {
  /** The generator's busiest sample as the saturation rule reads it; null: not sampled. */
  maxCpuPercent: number | null;
  saturated: boolean;
  /** The rule: saturated at or above cpuPercent for samplesInRow samples in a row. */
  saturationCpuPercent: number;
  saturationSamplesInRow: number;
  /** The target ran on the generating machine, so the machine's own CPU is not the generator's. */
  localTarget: boolean;
  /** The generating machine's busiest sample. */
  machineMaxCpuPercent: number | null;
  /** With a local target: the shared machine reached the saturation mark, so latencies include some scheduling delay of the generator. */
  machineBusy: boolean;
  droppedIterations: number;
}

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** VerdictReason is one coded reason for a fail or an inconclusive verdict, with its numbers. */
export type VerdictReason =
  | { code: 'no-windows' }
  | { code: 'generator-saturated'; maxCpuPercent: number; saturationCpuPercent: number; saturationSamplesInRow: number }
  | { code: 'threshold-failed'; threshold: ThresholdResult }
  | { code: 'integrity-changed'; changed: IntegrityChange[] }
  | { code: 'points-uncounted'; uncounted: UncountedCollection[] }
  | { code: 'generator-not-sampled' }
  | { code: 'incomplete'; exitReason: string; abortReason: string | null }
  | { code: 'threshold-no-data'; threshold: ThresholdResult }
  | { code: 'arrivals-dropped'; count: number };

/**
 * MissingData is one coded gap in what the run recorded. `problem` and `error` are the reader's
 * and the decoder's own messages, kept as they came.
 */
export type MissingData =
  | { code: 'incomplete'; exitReason: string; abortReason: string | null }
  | { code: 'run-folder-problem'; problem: string }
  | { code: 'histogram-undecodable'; second: number; collection: string; field: string; error: string }
  | { code: 'sampler-unhealthy'; sampler: string; source: string; status: 'degraded' | 'failed'; samples: number; gaps: number; lastError?: string }
  | { code: 'no-node-samples'; node: string }
  | { code: 'no-redis-samples' }
  | { code: 'no-balancer-samples' }
  | { code: 'no-generator-samples' }
  | { code: 'threshold-no-data'; threshold: ThresholdResult }
  | { code: 'integrity-not-checked' }
  | { code: 'recovery-not-measured'; recovery: RecoveryCode }
  /** Windows of an engine before protocol 2 with ok and failed requests: their ok latency includes the failed ones. */
  | { code: 'ok-latency-not-split'; windows: number };

export type { SamplerStatus };

/** What the abort rule watched in one stage role's stages (errorRate null: only the safety rule). */
export interface AbortWatchedRole {
  role: string;
  stages: number[];
  errorRate: number | null;
  forSeconds: number | null;
  /** Seconds into each stage before the error-rate rule watched. */
  afterSeconds: number;
}

/** AbortWatch: what the abort rule watched and whether, where and which rule stopped the run. */
export interface AbortWatch {
  roles: AbortWatchedRole[];
  /** null: the run predates the safety rule. */
  safetyForSeconds: number | null;
  fired: { rule: 'error-rate' | 'safety'; second: number; stage: number; stageName: string } | null;
}

export interface Summary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  runId: string;
  profile: string;
  form: 'lab' | 'full';
  engine: string;
  model: 'open' | 'closed';
  target: { url: string; kind: 'lab' | 'url'; api: string };
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number;
  complete: boolean;
  abortReason: string | null;
  /** Absent from summaries written before the abort rule knew the plan's roles. */
  abortRule?: AbortWatch;
  totals: Totals;
  errorsByClass: ErrorCounts;
  /** Latency of the ok responses: the headline p50/p95/p99. */
  latencyMs: LatencySummary | null;
  /** Latency of the failed responses, shown beside it. */
  failedLatencyMs: LatencySummary | null;
  serviceTimeMs: LatencySummary | null;
  serverTimeMs: LatencySummary | null;
  collections: Record<string, CollectionSummary>;
  steps: StepSummary[];
  thresholds: ThresholdResult[];
  breakingPoint: BreakingPoint;
  recovery: Recovery;
  capacityModel: CapacityModel;
  headroom: Headroom;
  fairness: Fairness;
  /** Client latency minus server time at p50: time spent queueing, in the balancer and network. */
  queueing: { clientP50Ms: number | null; serverP50Ms: number | null; overheadP50Ms: number | null };
  recall: { measured: boolean; k: number | null; checked: number; overall: number | null };
  /**
   * checked: some collection's points were counted before and after the run; ok: no collection
   * changed (false: one changed or is gone; null: not checked, or some collection uncounted).
   */
  integrity: { checked: boolean; ok: boolean | null; before: Record<string, number>; after: Record<string, number>; changed: IntegrityChange[]; uncounted: UncountedCollection[] };
  generator: GeneratorHealth;
  samplers: SamplerStatus[];
  verdict: Verdict;
  /** Why the verdict is what it is: what failed, or what stands between the run and a pass. */
  verdictReasons: VerdictReason[];
  /** What the report must say was missing (a sampler down, an incomplete run). */
  missing: MissingData[];
}

/**
 * TimeseriesRow is one second of the run with the load and the target side by side: the rows of
 * timeseries.csv and the data of the report's charts over time. Maps are keyed by node (its URL's
 * host:port) or backend server name; null means no data for that second.
 */
export interface TimeseriesRow {
  second: number;
  stage: number;
  /** The plan's target this second (req/s or VUs). */
  target: number;
  scheduled: number;
  sent: number;
  completed: number;
  ok: number;
  dropped: number;
  errors: ErrorCounts;
  errorRate: number | null;
  /** Goodput: ok responses this second. */
  throughputRps: number;
  /** Latency of the ok responses. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  latencyMaxMs: number | null;
  serverP50Ms: number | null;
  inFlight: number | null;
  connections: number | null;
  redisP99Ms: number | null;
  redisHitRatio: number | null;
  nodeRequestsPerSecond: Record<string, number>;
  nodeUp: Record<string, boolean>;
  nodeCpuPercent: Record<string, number>;
  nodeRssBytes: Record<string, number>;
  /** The generator's CPU as the saturation rule reads it (src/analysis/generator.ts). */
  generatorCpuPercent: number | null;
}
