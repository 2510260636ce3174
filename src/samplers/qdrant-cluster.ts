import { differencingReader } from './differencing-reader.ts';
import type { HttpEndpoint } from './http.ts';
import { parseQdrantCluster } from './parsers/qdrant-cluster.ts';
import type { Reader } from './sampler.ts';

/** qdrantClusterReader reads one node's GET /cluster: peers, Raft role, leader and pending operations. */
export function qdrantClusterReader(source: string, endpoint: HttpEndpoint, intervalMs: number): Reader<'qdrant-cluster'> {
  return differencingReader(
    { name: 'qdrant-cluster', kind: 'qdrant-cluster', source, intervalMs, requests: () => endpoint.requests() },
    async (signal) => parseQdrantCluster(await endpoint.json('/cluster', signal)),
    (current) => current,
  );
}
