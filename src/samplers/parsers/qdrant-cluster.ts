import type { QdrantClusterData } from '../../runfolder/sample-lines.ts';
import { number, object, qdrantResult, string } from './json.ts';

/**
 * parseQdrantCluster reads GET /cluster: {"status":"disabled"} on a single node, or the peers and
 * Raft state of a cluster peer. Peer ids are u64: ids past 2^53 lose precision as JS numbers,
 * which is why the role, not the leader id, says whether this node leads.
 */
export function parseQdrantCluster(body: unknown): QdrantClusterData {
  const result = qdrantResult(body, 'cluster');
  const status = string(result.status);
  if (status === 'disabled') return { status: 'disabled', peers: 0 };
  if (status !== 'enabled') throw new Error(`unexpected cluster status ${JSON.stringify(result.status)}`);
  const raft = object(result.raft_info);
  const data: QdrantClusterData = { status: 'enabled', peers: Object.keys(object(result.peers) ?? {}).length };
  const leader = number(raft?.leader);
  if (leader !== undefined) data.leader = leader;
  const role = string(raft?.role);
  if (role !== undefined) data.role = role;
  const pending = number(raft?.pending_operations);
  if (pending !== undefined) data.pendingOperations = pending;
  return data;
}
