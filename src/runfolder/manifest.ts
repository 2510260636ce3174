import type { Plan } from '../plan/types.ts';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';

/**
 * RUN_FOLDER_VERSION versions the whole run folder (docs/run-folder.md). A reader refuses a
 * folder from a newer major version instead of misreading it.
 */
export const RUN_FOLDER_VERSION = 1;

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
  schemaVersion: typeof RUN_FOLDER_VERSION;
  runId: string;
  profile: string;
  form: Plan['form'];
  engine: string;
  target: {
    kind: 'lab' | 'url';
    /** Where the load went (credentials stripped). */
    url: string;
    api: 'query' | 'search' | 'gateway';
    /** Node URLs sampled directly (Qdrant's advice: scrape peers, not the balancer). */
    nodes: string[];
    redis?: string;
    balancerStats?: string;
  };
  plan: Plan;
  /** The thresholds in force when the run was made (re-evaluated by `vecstress report --thresholds`). */
  thresholds: ThresholdsDefinition;
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
  /** Points per collection before and after the run (data integrity); absent if not readable. */
  pointsBefore?: Record<string, number>;
  pointsAfter?: Record<string, number>;
}
