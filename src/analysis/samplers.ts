import type { RunManifest } from '../runfolder/manifest.ts';
import type { GapLine, SampleKind, SampleLine } from '../runfolder/sample-lines.ts';
import { nodeKey } from './node-series.ts';
import type { MissingData, SamplerStatus } from './summary-types.ts';

/**
 * samplerStatuses gives one status per sampler and source: ok when every sample was taken,
 * degraded when some could not be (gaps), failed when none could. The request rate is the one the
 * samplers counted (run.json); a run folder without it reads 0.
 */
export function samplerStatuses(samples: readonly SampleLine[], gaps: readonly GapLine[], requestRates: Readonly<Record<string, number>> = {}): SamplerStatus[] {
  const groups = new Map<string, { name: string; kind: SampleKind; source: string; samples: number; gaps: number; lastError?: string }>();
  for (const line of [...samples, ...gaps].sort((a, b) => a.t - b.t)) {
    const key = `${line.sampler}\u0000${line.kind}\u0000${line.source}`;
    const group = groups.get(key) ?? { name: line.sampler, kind: line.kind, source: line.source, samples: 0, gaps: 0 };
    if (line.type === 'gap') {
      group.gaps += 1;
      group.lastError = line.error;
    } else {
      group.samples += 1;
    }
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({
    ...group,
    status: group.samples === 0 ? 'failed' : group.gaps > 0 ? 'degraded' : 'ok',
    requestsPerSecond: requestRates[samplerRateKey(group.name, group.source)] ?? 0,
  }));
}

/** samplerRateKey names a sampler instance in run.json's samplerRequestRates. */
export function samplerRateKey(name: string, source: string): string {
  return `${name} ${source}`;
}

/** missingSamplers names what the run was told to watch but never heard from. */
export function missingSamplers(target: RunManifest['target'], samples: readonly SampleLine[], gaps: readonly GapLine[]): MissingData[] {
  const lines = [...samples, ...gaps];
  const heard = (kinds: readonly SampleKind[], source?: string): boolean =>
    lines.some((l) => kinds.includes(l.kind) && (source === undefined || nodeKey(l.source) === nodeKey(source)));
  const missing: MissingData[] = [];
  for (const node of target.nodes) {
    if (!heard(['qdrant-metrics', 'qdrant-telemetry'], node)) missing.push({ code: 'no-node-samples', node: nodeKey(node) });
  }
  if (target.redis !== undefined && !heard(['redis-latency', 'redis-info'])) missing.push({ code: 'no-redis-samples' });
  if (target.haproxyStats !== undefined && !heard(['balancer'])) missing.push({ code: 'no-balancer-samples' });
  if (!heard(['generator'])) missing.push({ code: 'no-generator-samples' });
  return missing;
}
