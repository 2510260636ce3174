// The read-only documents a stand-in node serves about itself, in Qdrant 1.19's shapes:
// GET /, /cluster, /collections, /collections/{name}, /collections/{name}/cluster and /telemetry.

import { readdirSync, readFileSync } from 'node:fs';
import { STANDIN_VERSION, type StandinConfig } from './config.ts';
import { telemetryResponses, type RequestStats } from './request-stats.ts';
import type { Collection, Store } from './store.ts';

/** NodeContext is what the documents are made from. */
export interface NodeContext {
  config: StandinConfig;
  store: Store;
  stats: RequestStats;
  startedAt: Date;
  telemetryId: string;
}

export function rootDocument(): Record<string, string> {
  // "commit" says plainly that this is the stand-in, for anyone reading a report's app_info.
  return { title: 'qdrant - vector search engine', version: STANDIN_VERSION, commit: 'vecstress-lab-standin' };
}

/**
 * clusterDocument shows every lab node as a peer. The stand-in runs no consensus: the first node is
 * always the leader, and the commit index counts this node's write operations.
 */
export function clusterDocument({ config, store }: NodeContext): Record<string, unknown> {
  const leader = config.peers[0]!.peerId;
  return {
    status: 'enabled',
    peer_id: config.peerId,
    peers: Object.fromEntries(config.peers.map((peer) => [String(peer.peerId), { uri: `${peer.url}/` }])),
    raft_info: { term: 1, commit: store.operationCount, pending_operations: 0, leader, role: config.peerId === leader ? 'Leader' : 'Follower', is_voter: true },
    consensus_thread_status: { consensus_thread_status: 'working', last_update: new Date().toISOString() },
    message_send_failures: {},
  };
}

export function collectionsDocument({ store }: NodeContext): Record<string, unknown> {
  return { collections: [...store.collections.keys()].map((name) => ({ name })) };
}

function collectionConfig(collection: Collection): Record<string, unknown> {
  const { size, distance, shardNumber, replicationFactor, writeConsistencyFactor } = collection.params;
  return {
    params: { vectors: { size, distance }, shard_number: shardNumber, replication_factor: replicationFactor, write_consistency_factor: writeConsistencyFactor, on_disk_payload: true },
    hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0, on_disk: false },
    optimizer_config: {
      deleted_threshold: 0.2,
      vacuum_min_vector_number: 1000,
      default_segment_number: 0,
      max_segment_size: null,
      memmap_threshold: null,
      indexing_threshold: 10000,
      flush_interval_sec: 5,
      max_optimization_threads: null,
      prevent_unoptimized: null,
    },
    wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0, wal_retain_closed: 1 },
    quantization_config: null,
  };
}

/** collectionDocument: the stand-in has no HNSW index (it always scans), hence indexed_vectors_count 0. */
export function collectionDocument(collection: Collection): Record<string, unknown> {
  return {
    status: 'green',
    optimizer_status: 'ok',
    indexed_vectors_count: 0,
    points_count: collection.count,
    segments_count: 1,
    config: collectionConfig(collection),
    payload_schema: Object.fromEntries([...collection.payloadSchema].map(([field, type]) => [field, { data_type: type, points: collection.indexedPoints(field) }])),
    update_queue: { length: 0 },
  };
}

/** collectionClusterDocument: one shard, held by every node (replication across the whole lab). */
export function collectionClusterDocument({ config }: NodeContext, collection: Collection): Record<string, unknown> {
  return {
    peer_id: config.peerId,
    shard_count: 1,
    local_shards: [{ shard_id: 0, points_count: collection.count, state: 'Active' }],
    remote_shards: config.peers.filter((peer) => peer.peerId !== config.peerId).map((peer) => ({ shard_id: 0, peer_id: peer.peerId, state: 'Active' })),
    shard_transfers: [],
  };
}

/** memoryDocument maps Node's heap figures onto Qdrant's allocator fields (approximate by nature). */
export function memoryDocument(): Record<string, number> {
  const memory = process.memoryUsage();
  return {
    active_bytes: memory.heapTotal + memory.external,
    allocated_bytes: memory.heapUsed + memory.external,
    metadata_bytes: 0,
    resident_bytes: memory.rss,
    retained_bytes: memory.heapTotal - memory.heapUsed,
  };
}

/** telemetryDocument follows Qdrant's levels: level 0 has counts and averages, level 1 adds details and memory. */
export function telemetryDocument(node: NodeContext, detailsLevel: number): Record<string, unknown> {
  const detailed = detailsLevel >= 1;
  const cluster = clusterDocument(node);
  const raft = cluster.raft_info as Record<string, unknown>;
  const collections = [...node.store.collections.values()];
  return {
    id: node.telemetryId,
    app: { name: 'qdrant', version: STANDIN_VERSION, startup: node.startedAt.toISOString(), ...(detailed ? { system: { cores: cpuCount() } } : {}) },
    collections: detailed
      ? { number_of_collections: collections.length, collections: collections.map((c) => ({ id: c.name, init_time_ms: 0, config: collectionConfig(c) })), snapshots: [] }
      : { number_of_collections: collections.length },
    cluster: detailed
      ? {
          enabled: true,
          status: {
            number_of_peers: node.config.peers.length,
            term: raft.term,
            commit: raft.commit,
            pending_operations: raft.pending_operations,
            role: raft.role,
            is_voter: true,
            peer_id: node.config.peerId,
            consensus_thread_status: cluster.consensus_thread_status,
          },
          resharding_enabled: false,
        }
      : { enabled: true, resharding_enabled: false },
    requests: { rest: { responses: telemetryResponses(node.stats, detailed) }, grpc: { responses: {} } },
    ...(detailed ? { memory: memoryDocument() } : {}),
    quota: { config: { enabled: false }, exceeded: { resident_memory: null, disk_usage: null } },
  };
}

function cpuCount(): number {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((line) => line.startsWith('processor')).length;
  } catch {
    return 0;
  }
}

/** processFigures reads this process's threads, open files and page faults from /proc (Linux). */
export function processFigures(): { threads?: number; openFds?: number; maxFds?: number; minorFaults?: number; majorFaults?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]);
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const maxFds = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
    // /proc/self/stat: fields after the command name; minflt is field 10 and majflt field 12.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { threads, openFds: readdirSync('/proc/self/fd').length, maxFds, minorFaults: Number(fields[7]), majorFaults: Number(fields[9]) };
  } catch {
    return {};
  }
}
