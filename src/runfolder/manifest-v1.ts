import { RUN_FOLDER_VERSION, type RunManifest, type RunTarget } from './manifest.ts';

/** RunTargetV1 is run.json's target as version 1 wrote it: the balancer's stats were `balancerStats`, and only the load URL was kept. */
interface RunTargetV1 {
  kind: RunTarget['kind'];
  url: string;
  api: RunTarget['api'];
  nodes: string[];
  redis?: string;
  balancerStats?: string;
}

export type RunManifestV1 = Omit<RunManifest, 'schemaVersion' | 'target'> & { schemaVersion: 1; target: RunTargetV1 };

/**
 * upgradeManifestV1 reads a version 1 run.json as version 2, so every reader sees one shape.
 * Version 1 kept only where the load went, so that URL stands for the balancer (and for the
 * gateway, when the gateway was driven).
 */
export function upgradeManifestV1(manifest: RunManifestV1): RunManifest {
  const { balancerStats, ...target } = manifest.target;
  return {
    ...manifest,
    schemaVersion: RUN_FOLDER_VERSION,
    target: {
      ...target,
      balancer: target.url,
      ...(target.api === 'gateway' ? { gateway: target.url } : {}),
      ...(balancerStats === undefined ? {} : { haproxyStats: balancerStats }),
    },
  };
}
