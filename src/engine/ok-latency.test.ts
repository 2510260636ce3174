import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../analysis/analyze.ts';
import type { EndLine, EngineLine, StartLine, TickLine, WindowLine } from '../runfolder/engine-lines.ts';
import { syntheticRun } from '../../test/helpers/synthetic-run.ts';
import { startQdrantLikeServer, type QdrantLikeServer } from '../../test/helpers/qdrant-like-server.ts';
import type { CorpusLine } from './corpus-protocol.ts';
import { vecstressEngine } from './vecstress-engine.ts';

// The real Go engine against a local server that refuses 3 requests in 5 with a fast 503 and
// answers the others after 25 ms: the analysis must report the ok requests' latency and goodput,
// not a p50 pulled down by the refusals and a throughput of refusals.

const RATE = 100;
const SECONDS = 3;
const SLOW_MS = 25;

const dirs: string[] = [];
let server: QdrantLikeServer | undefined;
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

const corpus: CorpusLine[] = [
  { type: 'corpus', protocol: 1, headers: { 'content-type': 'application/json' }, recallEvery: 0, collections: [{ name: 'main', pattern: 'similarity_search', weight: 100, check: 'query', requests: 1 }] },
  { type: 'request', collection: 'main', method: 'POST', path: '/collections/main/points/query', body: '{"query":[1,2],"limit":10}' },
];

describe('the Go engine against a target that sheds 60 % of its load with fast 503s', () => {
  it('reports the ok latency, the failed latency beside it, and goodput as throughput', async () => {
    let n = 0;
    server = await startQdrantLikeServer(() => (n++ % 5 < 3 ? { status: 503 } : { delayMs: SLOW_MS }));
    // The plan and run.json of a synthetic run, its engine lines replaced by the real engine's.
    const planned = syntheticRun({ profile: 'baseline', stages: [{ seconds: SECONDS, target: RATE, role: 'load' }] });
    const input = { plan: planned.manifest.plan, corpus, targetUrl: server.url, workDir: tempDir('vecstress-ok-') };
    vecstressEngine.prepare(input);
    const run = vecstressEngine.start({ ...input, logFile: join(tempDir('vecstress-ok-log-'), 'engine.log') });
    const lines: EngineLine[] = [];
    for await (const line of run.lines) lines.push(line);
    expect((await run.exited).code).toBe(0);

    const windows = lines.filter((l): l is WindowLine => l.type === 'window').sort((a, b) => a.second - b.second);
    const summary = analyzeRun({
      ...planned,
      start: lines.find((l): l is StartLine => l.type === 'start')!,
      end: lines.find((l): l is EndLine => l.type === 'end')!,
      windows,
      ticks: lines.filter((l): l is TickLine => l.type === 'tick'),
    });

    expect(summary.totals.completed).toBe(RATE * SECONDS);
    expect(summary.totals.ok).toBe((RATE * SECONDS * 2) / 5);
    expect(summary.latencyMs!.count).toBe(summary.totals.ok);
    expect(summary.latencyMs!.p50).toBeGreaterThanOrEqual(SLOW_MS);
    // The refusals are timed apart: only the ok requests' latency is bounded below by the server's delay.
    expect(summary.failedLatencyMs!.count).toBe(summary.totals.errors);
    expect(summary.totals.throughputRps).toBeCloseTo((RATE * 2) / 5, 6);
    expect(summary.totals.completedRps).toBeCloseTo(RATE, 6);
    expect(summary.missing.some((m) => m.code === 'ok-latency-not-split')).toBe(false);
  }, 30_000);
});
