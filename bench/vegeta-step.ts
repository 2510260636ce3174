import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustSucceed } from './process.ts';
import type { Step } from './rate-search.ts';
import { BENCH_PATH, BENCH_REQUEST_BODY } from './request.ts';
import { BENCH_CONNECTIONS } from './engine-step.ts';

/** The fields of `vegeta report -type=json` the bench reads (durations in ns). */
interface VegetaReport {
  requests: number;
  throughput: number;
  success: number;
  latencies: { '50th': number; '99th': number };
}

/**
 * runVegetaStep runs plain `vegeta attack` at one rate, with the same socket cap as the engine,
 * and reads its report. The step holds when vegeta's throughput (successes per second over the
 * attack and the wait for the last response) reaches 99 % of the rate, every request succeeding.
 * vegeta's latency counts from the actual send.
 */
export async function runVegetaStep(vegeta: string, target: string, rate: number, seconds: number, workDir: string): Promise<Step> {
  const bodyFile = join(workDir, 'body.json');
  const targetsFile = join(workDir, 'targets.txt');
  const resultsFile = join(workDir, `vegeta-${rate}.bin`);
  writeFileSync(bodyFile, BENCH_REQUEST_BODY);
  writeFileSync(targetsFile, `POST ${target}${BENCH_PATH}\nContent-Type: application/json\n@${bodyFile}\n`);
  const timeoutMs = (seconds + 30) * 1000;
  await mustSucceed(vegeta, ['attack', `-rate=${rate}/1s`, `-duration=${seconds}s`, `-targets=${targetsFile}`, `-max-connections=${BENCH_CONNECTIONS}`, '-timeout=2s', `-output=${resultsFile}`], { timeoutMs });
  const report = JSON.parse((await mustSucceed(vegeta, ['report', '-type=json', resultsFile], { timeoutMs })).stdout) as VegetaReport;
  const expected = rate * seconds;
  return {
    offered: rate,
    achieved: report.throughput,
    sustained: report.throughput >= 0.99 * rate && report.success === 1 && report.requests >= 0.99 * expected,
    p50Ms: report.latencies['50th'] / 1e6,
    p99Ms: report.latencies['99th'] / 1e6,
    note: `${report.requests}/${expected} sent, ${(report.success * 100).toFixed(2)} % ok`,
  };
}
