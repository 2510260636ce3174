import { COMMAND_LINE, ConfigError } from '../config/errors.ts';
import type { StressConfig } from '../cli/stress-config.ts';
import { ensureLab } from '../lab/index.ts';
import { loadTargetFile } from '../targets/target-file.ts';

/** TargetFlags are the stress flags that say where the load goes and what to watch. */
export interface TargetFlags {
  targetFile?: string;
  apiKey?: string;
  nodes?: string[];
  redis?: string;
  haproxyStats?: string;
  nginxStatus?: string;
  prometheus?: string;
}

/**
 * ResolvedTarget is where the load goes (loadUrl) and what the samplers watch. For the lab it
 * comes from the lab's endpoints; for a remote cluster from flags and an optional target file.
 */
export interface ResolvedTarget {
  kind: 'lab' | 'url';
  loadUrl: string;
  nodes: string[];
  redisUrl?: string;
  haproxyStatsUrl?: string;
  nginxStatusUrl?: string;
  prometheusUrl?: string;
  localProcesses: Array<{ name: string; pid: number }>;
  apiKey?: string;
  /** Where points counts are read for the integrity check: a node, else the balancer. */
  integrityUrl?: string;
  /** The folder holding the datasets the lab serves (query sets come from it). */
  datasetDir?: string;
  /** Stops the lab when this run started it. */
  release(): Promise<void>;
}

/**
 * resolveTarget starts (or reuses) the lab, or reads the remote target's details. The API key
 * comes from --api-key, the target file's apiKeyEnv, or VECSTRESS_API_KEY, in that order, and
 * only ever travels in memory and in the engine's environment.
 */
export async function resolveTarget(config: StressConfig, flags: TargetFlags, env: Record<string, string | undefined>, progress: (line: string) => void): Promise<ResolvedTarget> {
  if (config.target.kind === 'lab') {
    if (flags.targetFile) throw ConfigError.single(COMMAND_LINE, '--target-file', 'a target file describes a remote cluster; it cannot be used with --target lab');
    const lab = await ensureLab({
      ...(env.VECSTRESS_LAB_DIR ? { stateDir: env.VECSTRESS_LAB_DIR } : {}),
      ...(env.QDRANT_BIN ? { qdrantBin: env.QDRANT_BIN } : {}),
      onProgress: progress,
    });
    const { endpoints } = lab;
    return {
      kind: 'lab',
      loadUrl: config.api === 'gateway' ? endpoints.gateway : endpoints.qdrant,
      nodes: endpoints.nodes,
      redisUrl: endpoints.redis,
      haproxyStatsUrl: endpoints.haproxyStats,
      localProcesses: endpoints.processes,
      integrityUrl: endpoints.nodes[0] ?? endpoints.qdrant,
      datasetDir: lab.datasetDir,
      release: () => lab.stop(),
    };
  }

  const file = flags.targetFile ? loadTargetFile(flags.targetFile, env) : undefined;
  const apiKey = flags.apiKey ?? file?.apiKey ?? env.VECSTRESS_API_KEY;
  const nodes = flags.nodes ?? file?.nodes ?? [];
  const pick = <T>(flag: T | undefined, fromFile: T | undefined): T | undefined => flag ?? fromFile;
  const redisUrl = pick(flags.redis, file?.redis);
  const haproxyStatsUrl = pick(flags.haproxyStats, file?.haproxyStats);
  const nginxStatusUrl = pick(flags.nginxStatus, file?.nginxStatus);
  const prometheusUrl = pick(flags.prometheus, file?.prometheus);
  const loadUrl = config.api === 'gateway' && file?.gateway ? file.gateway : config.target.url;
  return {
    kind: 'url',
    loadUrl,
    nodes,
    ...(redisUrl ? { redisUrl } : {}),
    ...(haproxyStatsUrl ? { haproxyStatsUrl } : {}),
    ...(nginxStatusUrl ? { nginxStatusUrl } : {}),
    ...(prometheusUrl ? { prometheusUrl } : {}),
    localProcesses: [],
    ...(apiKey ? { apiKey } : {}),
    ...(config.api === 'gateway' ? {} : { integrityUrl: nodes[0] ?? config.target.url }),
    release: async () => undefined,
  };
}
