import type { Plan } from '../plan/types.ts';
import type { TargetEndpoints } from '../targets/endpoints.ts';

// run.json's types are written out here, in plain TypeScript, rather than taken from the config's
// schemas: the run folder is a file format (docs/run-folder.md), and it changes only when this
// file and that document do. src/run/manifest.test.ts checks that the config still fits them.

/**
 * RUN_FOLDER_VERSION versions the whole run folder (docs/run-folder.md). A reader refuses a
 * folder from a newer major version instead of misreading it, and reads older ones (read.ts).
 * 2: run.json's target carries every endpoint under the names of TargetEndpoints.
 */
export const RUN_FOLDER_VERSION = 2;

export const RUN_FILES = {
  manifest: 'run.json',
  windows: 'windows.ndjson',
  samples: 'samples.ndjson',
  events: 'events.ndjson',
  engineLog: 'engine.log',
  summary: 'summary.json',
  steps: 'steps.csv',
  timeseries: 'timeseries.csv',
  html: 'report.html',
  markdown: 'summary.md',
  junit: 'junit.xml',
} as const;

export type ExitReason = 'completed' | 'interrupted' | 'aborted' | 'engine-error' | 'target-down' | 'running';

/** RunManifest is run.json: what was asked for and what ran. Secrets are redacted before it is written. */
export interface RunManifest {
  /** Always RUN_FOLDER_VERSION once read: the reader brings older folders up to it. */
  schemaVersion: typeof RUN_FOLDER_VERSION;
  runId: string;
  profile: string;
  form: Plan['form'];
  engine: string;
  target: RunTarget;
  plan: Plan;
  /** The thresholds in force when the run was made (re-evaluated by `vecstress report --thresholds`). */
  thresholds: RunThresholds;
  config: { mixFile: string; thresholdsFile: string; profileFile: string; flags: Record<string, unknown> };
  versions: { vecstress: string; node: string; engine?: string; builtWith?: Record<string, string> };
  host: { hostname: string; platform: string; arch: string; cpus: number; memoryBytes: number; kernel: string };
  startedAt: string;
  /** The engine's second 0 (its start line); null if the engine never started. */
  startUnixMs: number | null;
  endedAt: string | null;
  complete: boolean;
  exitReason: ExitReason;
  abortReason: string | null;
  /**
   * Each sampler's own request rate against the target (requests per second), keyed by
   * "<sampler> <source>", as the samplers counted it: sampling must be shown not to disturb the run.
   */
  samplerRequestRates?: Record<string, number>;
  /** The length of the ground truth the engine checked responses against: recall is recall@recallK. */
  recallK?: number;
  /** Points per collection before and after the run (data integrity): the collections that could be counted. */
  pointsBefore?: Record<string, number>;
  pointsAfter?: Record<string, number>;
  /** The collections that could not be counted, before or after the run, and why; absent in folders written before it was recorded. */
  pointCountFailures?: { before?: Record<string, PointCountFailure>; after?: Record<string, PointCountFailure> };
}

/** PointCountFailure is why a collection's points could not be counted: not-found (HTTP 404) or unreadable (another answer, or none). */
export interface PointCountFailure {
  code: 'not-found' | 'unreadable';
  error: string;
}

/** PointCounts is one counting of every collection: the counts read and the failures. */
export interface PointCounts {
  counts: Record<string, number>;
  failures: Record<string, PointCountFailure>;
}

/**
 * RunTarget is where the load went, through which API, and every endpoint of the target (the
 * nodes sampled directly, Redis, the balancer's stats...), credentials masked.
 */
export interface RunTarget extends TargetEndpoints {
  kind: 'lab' | 'url';
  /** Where the load went: the balancer, or the gateway for --api gateway. */
  url: string;
  api: 'query' | 'search' | 'gateway';
}

/** RunThresholds are thresholds.yaml as resolved: latencies in ms, rates and shares as fractions 0..1, durations in s. */
export interface RunThresholds {
  global: RunLimits;
  ceilings: RunCeilings;
  profiles: Record<string, RunLimits>;
  collections: Record<string, RunCollectionLimits>;
}

export interface RunLatencyLimits {
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  max?: number;
}

export interface RunLimits {
  latency?: RunLatencyLimits;
  errorRate?: number;
  /** (errors + dropped) / scheduled. */
  unserved?: number;
  /** Requests per second of the full form. */
  throughput?: number;
  cpu?: number;
  memory?: number;
  /** Seconds. */
  recovery?: number;
  connections?: number;
}

export interface RunCollectionLimits {
  latency?: RunLatencyLimits;
  errorRate?: number;
  unserved?: number;
}

export interface RunCeilings {
  connections?: number;
  /** Bytes. */
  memory?: number;
  cpu?: number;
  /** Bytes per second. */
  disk?: number;
  /** Bits per second. */
  network?: number;
}
