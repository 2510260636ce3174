import { COMMAND_LINE, ConfigError } from '../config/errors.ts';
import type { StressConfig } from '../cli/stress-config.ts';
import { defaultStateDir, ensureLab } from '../lab/index.ts';
import { readState } from '../lab/state.ts';

/** TargetFlags are the stress flags that say where the load goes and what to watch. */
export interface TargetFlags {
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
  localProcesses: Array<{ name: string; pid: number | (() => number | undefined) }>;
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
    if (config.targetFile) throw ConfigError.single(COMMAND_LINE, '--target-file', 'a target file describes a remote cluster; it cannot be used with --target lab');
    const stateDir = defaultStateDir(env);
    const lab = await ensureLab({
      stateDir,
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
      localProcesses: labProcesses(stateDir),
      integrityUrl: endpoints.nodes[0] ?? endpoints.qdrant,
      datasetDir: lab.datasetDir,
      release: () => lab.stop(),
    };
  }

  const file = config.targetFile;
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

/**
 * labProcesses names the lab's processes for /proc sampling: a node by its URL's host:port, the
 * key its Qdrant samples have, so CPU and requests line up per node; the others by role. Each pid
 * is read from the lab's state when sampled, so a node killed and restarted mid-run is followed.
 */
function labProcesses(stateDir: string): Array<{ name: string; pid: () => number | undefined }> {
  const components = readState(stateDir)?.components ?? [];
  return components.map((component) => ({
    name: component.role === 'node' && component.url ? new URL(component.url).host : component.name,
    pid: () => readState(stateDir)?.components.find((c) => c.name === component.name)?.process?.pid,
  }));
}
