import type { TargetApi } from '../config/run-options.ts';
import type { TargetConfig } from '../config/stress.ts';
import { ensureLab } from '../lab/index.ts';
import { readState } from '../lab/state.ts';
import { loadUrlOf, type TargetEndpoints } from '../targets/endpoints.ts';

/**
 * ResolvedTarget is a target ready to be driven: its endpoints, where the load goes (loadUrl) and
 * what else the run watches. For the lab it comes from the lab's endpoints; for a remote cluster
 * from the config.
 */
export interface ResolvedTarget {
  kind: 'lab' | 'url';
  endpoints: TargetEndpoints;
  loadUrl: string;
  localProcesses: Array<{ name: string; pid: number | (() => number | undefined) }>;
  /** Only ever travels in memory and in the engine's environment. */
  apiKey?: string;
  /** The regex of the target's node_exporter instances in Prometheus, when the target file sets one. */
  prometheusInstances?: string;
  /** Where points counts are read for the integrity check: a node, else the balancer. */
  integrityUrl?: string;
  /** The folder holding the datasets the lab serves (query sets come from it). */
  datasetDir?: string;
  /** Stops the lab when this run started it. */
  release(): Promise<void>;
}

/** resolveTarget starts (or reuses) the lab, or takes the remote target's endpoints as configured. */
export async function resolveTarget(target: TargetConfig, api: TargetApi, progress: (line: string) => void): Promise<ResolvedTarget> {
  if (target.kind === 'lab') {
    const lab = await ensureLab({ stateDir: target.stateDir, qdrantBin: target.qdrantBin, onProgress: progress });
    return {
      kind: 'lab',
      endpoints: lab.endpoints,
      loadUrl: loadUrlOf(lab.endpoints, api),
      localProcesses: labProcesses(target.stateDir),
      integrityUrl: lab.endpoints.nodes[0] ?? lab.endpoints.balancer,
      datasetDir: lab.datasetDir,
      release: () => lab.stop(),
    };
  }
  const { endpoints } = target;
  return {
    kind: 'url',
    endpoints,
    loadUrl: loadUrlOf(endpoints, api),
    localProcesses: [],
    apiKey: target.apiKey,
    ...(target.prometheusInstances === undefined ? {} : { prometheusInstances: target.prometheusInstances }),
    // With --api gateway, --target may be the gateway itself, which serves no points counts: a node does.
    integrityUrl: endpoints.nodes[0] ?? (api === 'gateway' ? undefined : endpoints.balancer),
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
