import type { ToleranceFlags } from './tolerances.ts';

/**
 * StressFlags are the stress command's flags as the CLI parsed them from argv: the top layer of
 * the stress config, over the environment and the files. Numbers are parsed; ranges are checked
 * by resolveStressConfig. The tolerances apply with --baseline.
 */
export interface StressFlags extends ToleranceFlags {
  profile: string;
  /** lab or a URL; when absent, the target file's balancer, else lab. */
  target?: string;
  targetFile?: string;
  engine: string;
  form?: string;
  model?: string;
  scale?: number;
  timeScale?: number;
  collections?: string[];
  mix: string;
  thresholds: string;
  out: string;
  seed: number;
  api: string;
  timeout?: number;
  maxConnections?: number;
  maxInFlight?: number;
  /** A secret: never written or printed (better given as VECSTRESS_API_KEY). */
  apiKey?: string;
  nodes?: string[];
  redis?: string;
  haproxyStats?: string;
  nginxStatus?: string;
  prometheus?: string;
  sampleInterval?: number;
  metricsPort?: number;
  pushgateway?: string;
  /** An earlier run folder, or repeat folder, to compare with. */
  baseline?: string;
  /** Run the profile this many times and judge the median (default 1). */
  repeat?: number;
  json?: boolean;
  dryRun?: boolean;
}
