import type { RedisInfoData } from '../../runfolder/sample-lines.ts';

// Redis INFO is "# Section" headers and "field:value" lines (CRLF-terminated). The fields kept
// here exist in every Redis since 2.6 and in Valkey and KeyDB.

/** RedisInfoSnapshot is one INFO reading: gauges and cumulative counters; the hit ratio needs two. */
export type RedisInfoSnapshot = Omit<RedisInfoData, 'hitRatio'>;

const FIELDS: Record<keyof RedisInfoSnapshot, string> = {
  opsPerSecond: 'instantaneous_ops_per_sec',
  connectedClients: 'connected_clients',
  blockedClients: 'blocked_clients',
  usedMemoryBytes: 'used_memory',
  keyspaceHits: 'keyspace_hits',
  keyspaceMisses: 'keyspace_misses',
  evictedKeys: 'evicted_keys',
  rejectedConnections: 'rejected_connections',
};

/** parseRedisInfoFields reads INFO text into its field:value pairs. */
export function parseRedisInfoFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** parseRedisInfo reads the fields vecstress samples; INFO text missing one of them throws, naming it. */
export function parseRedisInfo(text: string): RedisInfoSnapshot {
  const fields = parseRedisInfoFields(text);
  const snapshot = {} as RedisInfoSnapshot;
  for (const [key, field] of Object.entries(FIELDS) as [keyof RedisInfoSnapshot, string][]) {
    const value = Number(fields.get(field));
    if (!fields.has(field) || !Number.isFinite(value)) throw new Error(`INFO has no numeric ${field}`);
    snapshot[key] = value;
  }
  return snapshot;
}
