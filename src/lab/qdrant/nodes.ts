// Real Qdrant nodes in cluster mode, as Qdrant's own three-node compose file runs them: the first
// peer starts with --uri, the others --bootstrap from it. Each has its own HTTP, gRPC and peer
// ports on 127.0.0.1, and its storage inside the lab's state folder.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentState } from '../state.ts';

/** qdrantStorageDir holds every real node's storage and snapshots; `lab down` removes it unless kept. */
export function qdrantStorageDir(stateDir: string): string {
  return join(stateDir, 'qdrant');
}

/** qdrantBinaryCache is where an .xz server is decompressed once, kept across `lab down`. */
export function qdrantBinaryCache(stateDir: string): string {
  return join(stateDir, 'bin');
}

/**
 * qdrantComponents describes one node per three ports (HTTP, gRPC, peer-to-peer). Each node runs
 * in its own folder, which has no config/ sub-folder, so the server's built-in defaults apply and
 * only the environment below changes them.
 */
export function qdrantComponents(binary: string, stateDir: string, ports: readonly number[]): ComponentState[] {
  const count = ports.length / 3;
  const p2p = (index: number): string => `http://127.0.0.1:${ports[index * 3 + 2]!}`;
  return Array.from({ length: count }, (_, index) => {
    const [http, grpc, peer] = [ports[index * 3]!, ports[index * 3 + 1]!, ports[index * 3 + 2]!];
    const name = `node${index}`;
    const dir = join(qdrantStorageDir(stateDir), name);
    mkdirSync(dir, { recursive: true });
    const env = {
      QDRANT__SERVICE__HOST: '127.0.0.1',
      QDRANT__SERVICE__HTTP_PORT: String(http),
      QDRANT__SERVICE__GRPC_PORT: String(grpc),
      QDRANT__CLUSTER__ENABLED: 'true',
      QDRANT__CLUSTER__P2P__PORT: String(peer),
      QDRANT__STORAGE__STORAGE_PATH: join(dir, 'storage'),
      QDRANT__STORAGE__SNAPSHOTS_PATH: join(dir, 'snapshots'),
      QDRANT__TELEMETRY_DISABLED: 'true',
    };
    const args = index === 0 ? ['--uri', p2p(0)] : ['--bootstrap', p2p(0), '--uri', p2p(index)];
    return {
      name,
      role: 'node' as const,
      spec: { name, command: binary, args, cwd: dir, env, logFile: join(stateDir, `${name}.log`) },
      process: null,
      url: `http://127.0.0.1:${http}`,
    };
  });
}
