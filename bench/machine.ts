import { cpus, release, totalmem } from 'node:os';
import { runCommand } from './process.ts';

/** Machine describes where the figures were measured: they only compare within one machine. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  go: string;
}

export async function describeMachine(): Promise<Machine> {
  const go = (await runCommand('go', ['env', 'GOVERSION'], { timeoutMs: 10_000 })).stdout.trim();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    go: go || 'unknown',
  };
}
