// Every stand-in node holds every collection, like a Qdrant cluster with one shard replicated on
// all peers: a write a client sends to one node (through the balancer, say) is applied there and
// then forwarded to the other nodes, marked so they do not forward it again.

import type { StandinConfig } from './config.ts';

export const REPLICA_HEADER = 'x-vecstress-replica';

/**
 * replicate forwards a write to the other peers. A peer that is down misses it: at its restart it
 * recovers the dataset it was started from, not later writes. The failure is logged, not returned,
 * as a write with write_consistency_factor 1 succeeds on one replica.
 */
export async function replicate(config: StandinConfig, method: string, pathAndQuery: string, body: Buffer, log: (line: string) => void): Promise<void> {
  const others = config.peers.filter((peer) => peer.peerId !== config.peerId);
  const results = await Promise.allSettled(
    others.map(async (peer) => {
      const response = await fetch(`${peer.url}${pathAndQuery}`, {
        method,
        headers: { 'content-type': 'application/json', [REPLICA_HEADER]: config.name },
        body: body.length > 0 ? body : null,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      if (response.status >= 500) throw new Error(`status ${response.status}`);
    }),
  );
  results.forEach((result, i) => {
    if (result.status === 'rejected') log(`replicating ${method} ${pathAndQuery} to ${others[i]!.url} failed: ${(result.reason as Error).message}`);
  });
}
