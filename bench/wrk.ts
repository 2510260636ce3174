import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustSucceed, runCommand } from './process.ts';
import { BENCH_PATH, BENCH_REQUEST_BODY } from './request.ts';
import { BENCH_CONNECTIONS } from './engine-step.ts';

/** WrkResult is wrk's closed-loop maximum: as many requests as its connections can turn around. */
export interface WrkResult {
  requestsPerSecond: number;
  threads: number;
  connections: number;
  seconds: number;
  version: string;
}

/**
 * runWrk measures the endpoint's maximum throughput with Debian's wrk: the same socket count as
 * the other tools, two threads (one per core), the same request. Any socket error or non-2xx
 * answer invalidates the figure.
 */
export async function runWrk(target: string, seconds: number, workDir: string): Promise<WrkResult> {
  const script = join(workDir, 'post.lua');
  writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(BENCH_REQUEST_BODY)}\n`);
  const threads = 2;
  const { stdout } = await mustSucceed('wrk', [`-t${threads}`, `-c${BENCH_CONNECTIONS}`, `-d${seconds}s`, '-s', script, target + BENCH_PATH], { timeoutMs: (seconds + 30) * 1000 });
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  if (!rate?.[1]) throw new Error(`wrk printed no Requests/sec:\n${stdout}`);
  if (/Socket errors|Non-2xx/.test(stdout)) throw new Error(`wrk saw errors against the static endpoint:\n${stdout}`);
  const version = (await runCommand('wrk', ['-v'], { timeoutMs: 5000 })).stdout; // wrk -v exits 1
  return { requestsPerSecond: Number(rate[1]), threads, connections: BENCH_CONNECTIONS, seconds, version: /wrk (\S+)/.exec(version)?.[1] ?? 'unknown' };
}
