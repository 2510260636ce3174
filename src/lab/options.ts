import { join } from 'node:path';
import { COMMAND_LINE, ConfigError, type ConfigProblem } from '../config/errors.ts';
import { DEFAULT_DATASETS_DIR, DEFAULT_MIX_FILE, defaultLabStateDir } from '../config/paths.ts';
import { DEFAULT_DATASET } from '../datasets/generate.ts';
import { BALANCE_ALGORITHMS, type BalanceAlgorithm } from './haproxy-config.ts';

/** LabOptions tune the lab; every field has a default that gives the documented capacity. */
export interface LabOptions {
  /** Where the lab keeps its state, configs and logs (default: $VECSTRESS_LAB_DIR or .lab/). */
  stateDir?: string;
  /** Qdrant nodes behind HAProxy (default 3). */
  nodes?: number;
  /** Points per collection; other than the default, the lab uses datasets/generated/points-<n>/. */
  points?: number;
  /** A dataset folder to serve instead (wins over `points`). */
  datasetDir?: string;
  mixFile?: string;
  /** Stand-in nodes: searches waiting or running past which a node answers 503 (default 64). */
  maxInFlight?: number;
  /** Stand-in nodes: a search waiting longer than this is answered 503 (default 2000 ms). */
  queueTimeoutMs?: number;
  balance?: BalanceAlgorithm;
  /** HAProxy's health check interval (default 500 ms; a node is down after 2 failed checks). */
  checkIntervalMs?: number;
  /** Gateway cache TTL in Redis (default 60 s). */
  cacheTtlSeconds?: number;
  /** A real Qdrant server binary (or .xz of one): run real nodes instead of stand-ins. */
  qdrantBin?: string;
  /** Real Qdrant: shard_number and replication_factor of the collections (default: nodes, 2). */
  shardNumber?: number;
  replicationFactor?: number;
  /** `down` keeps real Qdrant's storage (default: removed). */
  keepStorage?: boolean;
  /** How long start-up may take before it is called failed (default 120 s). */
  startTimeoutMs?: number;
  /** Progress lines while the lab starts. */
  onProgress?: (line: string) => void;
}

export type LabKind = 'standin' | 'qdrant';

/** ResolvedLabOptions is LabOptions with defaults applied and values checked. */
export interface ResolvedLabOptions {
  kind: LabKind;
  stateDir: string;
  nodes: number;
  datasetDir: string;
  /** Whether the lab generates its dataset folder when missing (not for a folder given explicitly). */
  generateDataset: boolean;
  points: number;
  mixFile: string;
  maxInFlight: number;
  queueTimeoutMs: number;
  balance: BalanceAlgorithm;
  checkIntervalMs: number;
  cacheTtlSeconds: number;
  qdrantBin?: string;
  shardNumber: number;
  replicationFactor: number;
  keepStorage: boolean;
  startTimeoutMs: number;
}

export const LAB_DEFAULTS = { nodes: 3, maxInFlight: 64, queueTimeoutMs: 2000, balance: 'leastconn', checkIntervalMs: 500, cacheTtlSeconds: 60, startTimeoutMs: 120_000 } as const;

/** datasetDirFor gives the dataset folder the lab serves for a point count. */
export function datasetDirFor(points: number): string {
  return points === DEFAULT_DATASET.points ? DEFAULT_DATASETS_DIR : join(DEFAULT_DATASETS_DIR, `points-${points}`);
}

/** resolveLabOptions applies defaults and reports every bad value at once, naming its flag. */
export function resolveLabOptions(options: LabOptions, env: Record<string, string | undefined> = process.env): ResolvedLabOptions {
  const problems: ConfigProblem[] = [];
  const integer = (flag: string, value: number | undefined, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min) problems.push({ file: COMMAND_LINE, path: flag, message: `must be a whole number of at least ${min}, got ${value}` });
    return value;
  };
  const nodes = integer('--nodes', options.nodes, LAB_DEFAULTS.nodes, 1);
  const points = integer('--points', options.points, DEFAULT_DATASET.points, 1);
  const balance = options.balance ?? LAB_DEFAULTS.balance;
  if (!BALANCE_ALGORITHMS.includes(balance)) problems.push({ file: COMMAND_LINE, path: '--balance', message: `unknown algorithm "${balance}"; use one of ${BALANCE_ALGORITHMS.join(', ')}` });
  const qdrantBin = options.qdrantBin ?? env.QDRANT_BIN;
  const resolved: ResolvedLabOptions = {
    kind: qdrantBin ? 'qdrant' : 'standin',
    stateDir: options.stateDir ?? defaultLabStateDir(env),
    nodes,
    points,
    datasetDir: options.datasetDir ?? datasetDirFor(points),
    generateDataset: options.datasetDir === undefined,
    mixFile: options.mixFile ?? DEFAULT_MIX_FILE,
    maxInFlight: integer('--max-in-flight', options.maxInFlight, LAB_DEFAULTS.maxInFlight, 1),
    queueTimeoutMs: integer('--queue-timeout', options.queueTimeoutMs, LAB_DEFAULTS.queueTimeoutMs, 1),
    balance,
    checkIntervalMs: integer('--check-interval', options.checkIntervalMs, LAB_DEFAULTS.checkIntervalMs, 50),
    cacheTtlSeconds: integer('--cache-ttl', options.cacheTtlSeconds, LAB_DEFAULTS.cacheTtlSeconds, 1),
    ...(qdrantBin ? { qdrantBin } : {}),
    shardNumber: integer('--shards', options.shardNumber, nodes, 1),
    replicationFactor: integer('--replication', options.replicationFactor, Math.min(2, nodes), 1),
    keepStorage: options.keepStorage ?? false,
    startTimeoutMs: integer('startTimeoutMs', options.startTimeoutMs, LAB_DEFAULTS.startTimeoutMs, 1000),
  };
  if (resolved.replicationFactor > nodes) problems.push({ file: COMMAND_LINE, path: '--replication', message: `${resolved.replicationFactor} replicas need at least as many nodes, there are ${nodes}` });
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}
