import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';

// What every hostile case checks beside its exit code and message: nothing reached a listener on
// loopback, no lab was started, every kept file is as it was, and the command ended in time.

/** A hostile case must end well within this: none of them sends load or starts a lab. */
export const CASE_BOUND_MS = 5000;

export interface Listener {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

/** listen starts an HTTP server on 127.0.0.1 that answers 200 to anything and counts what it got. */
export async function listen(): Promise<Listener> {
  let count = 0;
  const server: Server = createServer((_, response) => {
    count++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":{"points":[]},"time":0}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** HostileResult is a CLI run with how long it took and the private lab folder it was given. */
export interface HostileResult extends CliResult {
  ms: number;
  labDir: string;
}

/** runHostile runs the CLI in-process with a private VECSTRESS_LAB_DIR, failing if it does not end within CASE_BOUND_MS. */
export async function runHostile(argv: string[], env: Record<string, string> = {}): Promise<HostileResult> {
  const labDir = mkdtempSync(join(tmpdir(), 'vecstress-hostile-lab-'));
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vecstress ${argv.join(' ')} did not end within ${CASE_BOUND_MS} ms`)), CASE_BOUND_MS);
  });
  try {
    const result = await Promise.race([runCli(argv, { env: { VECSTRESS_LAB_DIR: labDir, ...env } }), bound]);
    return { ...result, ms: performance.now() - started, labDir };
  } finally {
    clearTimeout(timer);
  }
}

/** labStarted tells whether anything was written into the private lab folder: a lab that started leaves its state there. */
export function labStarted(result: HostileResult): boolean {
  return readdirSync(result.labDir).length > 0;
}

/** fingerprint hashes every file under dir (name and content), to show that nothing kept was rewritten. */
export function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) hash.update(`${path}\0`).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}
