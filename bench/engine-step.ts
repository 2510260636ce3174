import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_BINARY } from '../src/config/paths.ts';
import { uniformAbort } from '../src/plan/abort.ts';
import type { Plan } from '../src/plan/types.ts';
import type { CorpusLine } from '../src/engine/corpus-protocol.ts';
import type { EndLine, EngineLine, StartLine, WindowLine } from '../src/runfolder/engine-lines.ts';
import { decodeHistogram, HistogramMerger } from '../src/runfolder/histogram.ts';
import { runCommand } from './process.ts';
import type { Step } from './rate-search.ts';
import { BENCH_PATH, BENCH_REQUEST_BODY } from './request.ts';

/** BENCH_CONNECTIONS caps sockets for every tool alike. */
export const BENCH_CONNECTIONS = 64;

/**
 * runEngineStep runs vecstress's engine at one constant arrival rate against the endpoint. The step
 * holds when the engine completed at least 99 % of the offered rate over its whole run, with
 * nothing dropped, nothing failed and every scheduled request sent. Latency is the engine's own,
 * from the intended send time.
 */
export async function runEngineStep(target: string, rate: number, seconds: number, workDir: string): Promise<Step> {
  const planFile = join(workDir, `plan-${rate}.json`);
  const corpusFile = join(workDir, 'corpus.ndjson');
  writeFileSync(planFile, JSON.stringify(constantRatePlan(rate, seconds)));
  writeFileSync(corpusFile, corpus().map((line) => JSON.stringify(line)).join('\n') + '\n');
  const finished = await runCommand(ENGINE_BINARY, ['run', '--plan', planFile, '--corpus', corpusFile, '--target', target], { timeoutMs: (seconds + 30) * 1000 });
  const lines = finished.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as EngineLine);
  const start = lines.find((line): line is StartLine => line.type === 'start');
  const end = lines.find((line): line is EndLine => line.type === 'end');
  if (finished.code !== 0 || !start || !end) throw new Error(`the engine failed at ${rate}/s (exit ${finished.code}): ${finished.stderr.trim().slice(-500)}`);

  const windows = lines.filter((line): line is WindowLine => line.type === 'window');
  const ok = windows.reduce((sum, w) => sum + w.ok, 0);
  const latency = new HistogramMerger();
  for (const w of windows) if (w.latency) latency.add(decodeHistogram(w.latency.hist), w.latency.max);
  const stats = latency.stats();
  const elapsed = (end.endUnixMs - start.startUnixMs) / 1000;
  const achieved = ok / elapsed;
  const { scheduled, sent, dropped } = end.totals;
  const sustained = achieved >= 0.99 * rate && dropped === 0 && sent === scheduled && ok === sent;
  return {
    offered: rate,
    achieved,
    sustained,
    p50Ms: (stats?.p50 ?? 0) / 1000,
    p99Ms: (stats?.p99 ?? 0) / 1000,
    note: `${ok}/${scheduled} ok in ${elapsed.toFixed(2)} s, ${dropped} dropped`,
  };
}

function constantRatePlan(rate: number, seconds: number): Plan {
  return {
    schemaVersion: 1,
    profile: 'bench',
    description: 'engine benchmark: one constant arrival rate',
    form: 'full',
    model: 'open',
    unit: 'req/s',
    scale: { load: 1, time: 1 },
    seed: 1,
    durationSeconds: seconds,
    ratePerConnection: 1,
    thinkTimeMs: 0,
    query: { limit: 5, exact: false, withPayload: false, batch: 1 },
    stages: [
      {
        index: 0,
        name: 'bench',
        role: 'load',
        startSecond: 0,
        durationSeconds: seconds,
        executor: 'constant-arrival-rate',
        startTarget: rate,
        endTarget: rate,
        startConnections: BENCH_CONNECTIONS,
        endConnections: BENCH_CONNECTIONS,
      },
    ],
    mix: [{ collection: 'bench', weight: 1, share: 1, pattern: 'similarity_search', vectorSize: 128, distance: 'Cosine' }],
    // In flight is bounded well above what 64 sockets can hold, so a drop means the endpoint, or
    // the engine, fell behind.
    limits: { maxConnections: BENCH_CONNECTIONS, maxInFlight: Math.max(1000, rate), timeoutMs: 2000 },
    abort: uniformAbort(1, seconds, null),
  };
}

function corpus(): CorpusLine[] {
  return [
    {
      type: 'corpus',
      protocol: 1,
      collections: [{ name: 'bench', pattern: 'similarity_search', weight: 1, check: 'query', requests: 1 }],
      headers: { 'content-type': 'application/json' },
      recallEvery: 0,
    },
    { type: 'request', collection: 'bench', method: 'POST', path: BENCH_PATH, body: BENCH_REQUEST_BODY },
  ];
}
