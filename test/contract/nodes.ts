// The two kinds of node the contract is checked against: the lab's stand-in, and a real Qdrant
// server when a binary is available. Both run as real processes on free loopback ports.

import { mkdirSync, rmSync } from 'node:fs';
import { standinComponent } from '../../src/lab/components.ts';
import { freePorts } from '../../src/lab/ports.ts';
import { isRunning, logTail, startProcess, stopProcess, type RunningProcess } from '../../src/lab/processes.ts';
import { resolveQdrantBinary } from '../../src/lab/qdrant/binary.ts';
import { qdrantComponents } from '../../src/lab/qdrant/nodes.ts';
import { QDRANT_MAX_BODY_BYTES } from '../../src/lab/standin/config.ts';
import type { ComponentState } from '../../src/lab/state.ts';
import { httpReady, waitUntil } from '../../src/lab/wait.ts';

export interface ContractNode {
  url: string;
  stop(): Promise<void>;
}

export { HOW_TO_ENABLE_REAL_NODE, qdrantBinary } from '../helpers/qdrant-binary.ts';

async function run(component: ComponentState, dir: string): Promise<ContractNode> {
  const process: RunningProcess = startProcess(component.spec);
  try {
    await waitUntil(component.name, httpReady(`${component.url}/readyz`), { timeoutMs: 60_000, alive: () => isRunning(process) });
  } catch (error) {
    await stopProcess(process);
    throw new Error(`${(error as Error).message}\n${await logTail(component.spec.logFile)}`);
  }
  return {
    url: component.url!,
    stop: async () => {
      await stopProcess(process);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** startStandinNode starts one stand-in node process, empty, as a fresh Qdrant starts. */
export async function startStandinNode(dir: string): Promise<ContractNode> {
  mkdirSync(dir, { recursive: true });
  const [port] = (await freePorts(1)) as [number];
  const peerId = 4_000_000_000_000_000;
  return run(
    standinComponent(dir, { name: 'standin', port, peerId, peers: [{ peerId, url: `http://127.0.0.1:${port}` }], maxInFlight: 64, queueTimeoutMs: 2000, maxBodyBytes: QDRANT_MAX_BODY_BYTES }),
    dir,
  );
}

/** startQdrantNode starts one real Qdrant in cluster mode (a one-peer cluster, as the lab runs them). */
export async function startQdrantNode(binary: string, dir: string, cacheDir: string): Promise<ContractNode> {
  mkdirSync(dir, { recursive: true });
  const { path } = await resolveQdrantBinary(binary, cacheDir);
  const [component] = qdrantComponents(path, dir, await freePorts(3)) as [ComponentState];
  return run(component, dir);
}
