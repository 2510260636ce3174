import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../src/context.ts';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** runCli runs the whole CLI in-process, as a user would from a shell, and captures what it prints. */
export async function runCli(argv: string[], options: { env?: Record<string, string>; interrupt?: AbortSignal; now?: () => number } = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const ctx: Context = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTTY: false,
    env: { ...options.env },
    cwd: process.cwd(),
    interrupt: options.interrupt ?? new AbortController().signal,
    now: options.now ?? (() => Date.now()),
  };
  const code = await main(argv, ctx);
  return { code, out, err };
}

/** tempFiles writes the given files into a new temp folder and returns their paths by name. */
export function tempFiles(files: Record<string, string>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-test-'));
  const paths: Record<string, string> = { dir };
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name]!, content);
  }
  return paths as Record<string, string> & { dir: string };
}
