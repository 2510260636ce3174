import type { ErrorCounts } from '../runfolder/engine-lines.ts';
import type { HistogramStats } from '../runfolder/histogram.ts';
import type { SampleKind } from '../runfolder/sample-lines.ts';
import type { SamplerStatus } from '../samplers/sampler.ts';

// summary.json: everything the analysis concludes from a run folder. Reports render it; CI gates
// read its verdict. All latencies are milliseconds, rates per second, shares and ratios 0..1.

export const SUMMARY_SCHEMA_VERSION = 1;

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
  /** Completed requests per second over the measured duration. */
  throughputRps: number;
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
  latencyMs: LatencySummary | null;
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
  throughputRps: number;
  /** Answered ok per second: throughput without the failures. */
  okRps: number;
  latencyMs: LatencySummary | null;
  serverTimeMs: LatencySummary | null;
  errorRate: number;
  dropped: number;
  /** Mean requests in flight (Little's law: throughput × latency), the USL's N. */
  concurrency: number;
  /** The highest one-second p99 of the Redis probe (it keeps no histogram, so seconds cannot be merged). */
  redisLatencyP99Ms: number | null;
  /** The busiest node's mean CPU over the step. */
  nodeCpuPercent: number | null;
  recall: number | null;
}

export type ThresholdStatus = 'pass' | 'fail' | 'no data';

export interface ThresholdResult {
  /** e.g. "p95 latency", "error rate", "recovery time". */
  name: string;
  /** "global", "profile:spike" or "collection:deepcoder": where the limit came from / applies. */
  scope: string;
  metric: string;
  /** "max" means observed must stay at or below the limit, "min" at or above. */
  kind: 'max' | 'min';
  limit: number;
  observed: number | null;
  unit: string;
  status: ThresholdStatus;
  /** Why there is no data, or a note on how it was measured. */
  note?: string;
}

export type BreakingSignal = 'latency' | 'errors' | 'saturation' | 'knee' | 'resource';

export interface BreakingPoint {
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
  /** The step before the breaking one, whose throughput is capacityRps. */
  lastGoodStepIndex: number | null;
  /** Behaviour past the breaking point: ok responses per second hold (graceful) or fall more than 20 % (collapse). */
  mode: 'graceful' | 'collapse' | null;
  detail: string;
}

export interface Recovery {
  applicable: boolean;
  measured: boolean;
  /** Seconds from the end of the overload until latency and errors are back and stay back. */
  seconds: number | null;
  overloadEndSecond: number | null;
  recoveredAtSecond: number | null;
  baselineP95Ms: number | null;
  worstP95Ms: number | null;
  baselineErrorRate: number | null;
  worstErrorRate: number | null;
  holdSeconds: number;
  detail: string;
  /** Seconds for a killed node to be back in rotation, when the run killed one. */
  nodeBackInRotationSeconds?: number | null;
}

export interface CapacityModel {
  fitted: boolean;
  sigma: number | null;
  kappa: number | null;
  lambda: number | null;
  peakConcurrency: number | null;
  peakThroughputRps: number | null;
  rSquared: number | null;
  points: Array<{ concurrency: number; throughputRps: number }>;
  detail: string;
}

export interface Headroom {
  targetRps: number | null;
  capacityRps: number | null;
  ratio: number | null;
  /** true when no step broke, so the capacity is only known to be at least capacityRps. */
  capacityIsLowerBound: boolean;
  text: string;
}

export interface Fairness {
  measured: boolean;
  /** Share of requests per node over the run. */
  shares: Record<string, number>;
  coefficientOfVariation: number | null;
  maxMinRatio: number | null;
  perStep: Array<{ stepIndex: number; shares: Record<string, number>; coefficientOfVariation: number | null }>;
  failovers: Array<{ node: string; downSecond: number; upSecond: number | null }>;
  /** Requests that failed while a node was out of rotation. */
  lostDuringFailover: number | null;
  detail: string;
}

export type { SamplerStatus };

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
  totals: Totals;
  errorsByClass: ErrorCounts;
  latencyMs: LatencySummary | null;
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
  recall: { measured: boolean; k: number | null; checked: number; overall: number | null; detail: string };
  integrity: { checked: boolean; ok: boolean | null; before: Record<string, number>; after: Record<string, number>; detail: string };
  generator: { maxCpuPercent: number | null; saturated: boolean; droppedIterations: number; detail: string };
  samplers: SamplerStatus[];
  verdict: 'pass' | 'fail' | 'inconclusive';
  /** What failed: thresholds over their limits, points lost. */
  failReasons: string[];
  inconclusiveReasons: string[];
  /** What the report must say was missing (a sampler down, an incomplete run). */
  missing: string[];
  /** How the figures were computed, in sentences the report can print (steady state, tolerances). */
  method: string[];
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
  throughputRps: number;
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
