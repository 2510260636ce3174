import * as hdr from 'hdr-histogram-js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uniformAbort } from '../../plan/abort.ts';
import type { Plan } from '../../plan/types.ts';
import type { CorpusLine } from '../corpus-protocol.ts';
import type { EngineLine, TickLine, WindowLine } from '../../runfolder/engine-lines.ts';
import { startQdrantLikeServer, type QdrantLikeServer } from '../../../test/helpers/qdrant-like-server.ts';
import { autocannonEngine } from './engine.ts';

let server: QdrantLikeServer | undefined;
afterEach(async () => server?.close());

function closedPlan(seconds: number, vus: number): Plan {
  return {
    schemaVersion: 1, profile: 't', description: 't', form: 'lab', model: 'closed', unit: 'vus', scale: { load: 1, time: 1 }, seed: 3,
    durationSeconds: seconds, ratePerConnection: 1, thinkTimeMs: 0,
    query: { limit: 10, exact: false, withPayload: false, batch: 1 },
    stages: [{ index: 0, name: 'hold', role: 'load', startSecond: 0, durationSeconds: seconds, executor: 'constant-vus', startTarget: vus, endTarget: vus, startConnections: vus, endConnections: vus }],
    mix: [],
    limits: { maxConnections: vus, maxInFlight: vus, timeoutMs: 2000 },
    abort: uniformAbort(0.5, 10, 15),
  };
}

const corpus: CorpusLine[] = [
  { type: 'corpus', protocol: 1, headers: { 'content-type': 'application/json' }, recallEvery: 1, collections: [
    { name: 'a', pattern: 'similarity_search', weight: 75, check: 'query', requests: 1 },
    { name: 'b', pattern: 'similarity_search', weight: 25, check: 'query', requests: 1 },
  ] },
  { type: 'request', collection: 'a', method: 'POST', path: '/collections/a/points/query', body: '{"query":[1,2],"limit":10}', truth: [1] },
  { type: 'request', collection: 'b', method: 'POST', path: '/collections/b/points/query', body: '{"query":[3,4],"limit":10}' },
];

async function runEngine(plan: Plan): Promise<EngineLine[]> {
  const run = autocannonEngine.start({ plan, corpus, targetUrl: server!.url, workDir: mkdtempSync(join(tmpdir(), 'ac-')), logFile: join(mkdtempSync(join(tmpdir(), 'ac-log-')), 'engine.log') });
  const lines: EngineLine[] = [];
  for await (const line of run.lines) lines.push(line);
  expect((await run.exited).code).toBe(0);
  return lines;
}

describe('the autocannon engine', () => {
  it('sends the weighted mix as closed-model VUs and writes windows, ticks and an end line', async () => {
    server = await startQdrantLikeServer((path) => (path.includes('/b/') ? { status: 503 } : {}));
    const lines = await runEngine(closedPlan(3, 4));
    expect(lines[0]).toMatchObject({ type: 'start', engine: 'autocannon', model: 'closed' });
    expect(lines.at(-1)).toMatchObject({ type: 'end', reason: 'completed' });
    const windows = lines.filter((l): l is WindowLine => l.type === 'window');
    const ticks = lines.filter((l): l is TickLine => l.type === 'tick');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks[1]!.vus).toBe(4);

    const sum = (collection: string, key: 'sent' | 'completed' | 'ok') => windows.filter((w) => w.collection === collection).reduce((n, w) => n + w[key], 0);
    const sentA = sum('a', 'sent');
    const sentB = sum('b', 'sent');
    expect(sentA + sentB).toBeGreaterThan(100);
    expect(sentA / (sentA + sentB)).toBeCloseTo(0.75, 1);
    // What the server saw is what the windows say was sent (the last requests may still be in flight at the end).
    expect(server.hits.get('/collections/a/points/query')! - sentA).toBeLessThanOrEqual(4);
    expect(sum('a', 'ok')).toBe(sum('a', 'completed'));
    expect(sum('b', 'ok')).toBe(0);
    const errorsB = windows.filter((w) => w.collection === 'b').reduce((n, w) => n + w.errors.status5xx, 0);
    expect(errorsB).toBe(sum('b', 'completed'));

    const a = windows.find((w) => w.collection === 'a' && w.completed > 0)!;
    const latency = hdr.decodeFromCompressedBase64(a.latency!.hist);
    expect(latency.totalCount).toBe(a.completed);
    // Latency is split by outcome: a's requests were all ok, b's all failed.
    expect([a.okLatency?.count, a.failedLatency]).toEqual([a.ok, undefined]);
    const failedB = windows.filter((w) => w.collection === 'b' && w.completed > 0);
    for (const w of failedB) expect([w.okLatency, w.failedLatency?.count]).toEqual([undefined, w.completed]);
    expect(hdr.decodeFromCompressedBase64(a.server!.hist).getValueAtPercentile(50)).toBeCloseTo(512, -1);
    // recallEvery 1: every ok response with ground truth is checked, and the server returns the one true id.
    expect(a.recallChecked).toBe(a.ok);
    expect(a.recallSum).toBe(a.recallChecked);
    // Qdrant's time of an error body (the 503s' 0.0001 s) counts too, as in the Go engine.
    const b = windows.find((w) => w.collection === 'b' && w.completed > 0)!;
    expect(hdr.decodeFromCompressedBase64(b.server!.hist).getValueAtPercentile(50)).toBeCloseTo(100, -1);
  });

  it('sees a slow target in its latencies', async () => {
    server = await startQdrantLikeServer(() => ({ delayMs: 30 }));
    const lines = await runEngine(closedPlan(2, 2));
    const windows = lines.filter((l): l is WindowLine => l.type === 'window' && l.latency !== undefined);
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
    for (const w of windows) merged.add(hdr.decodeFromCompressedBase64(w.latency!.hist));
    expect(merged.getValueAtPercentile(50)).toBeGreaterThanOrEqual(30_000);
  });

  it('books a timeout to the request that timed out, from its own send time, and goes on', async () => {
    let n = 0;
    // Every fifth request is never answered: autocannon times it out after 1 s and reconnects.
    server = await startQdrantLikeServer(() => ({ delayMs: ++n % 5 === 0 ? 60_000 : 0 }));
    const plan = closedPlan(3, 2);
    plan.limits.timeoutMs = 1000;
    const lines = await runEngine(plan);
    const windows = lines.filter((l): l is WindowLine => l.type === 'window');
    const timeouts = windows.reduce((sum, w) => sum + w.errors.timeout, 0);
    expect(timeouts).toBeGreaterThan(0);
    const timedOut = windows.filter((w) => w.errors.timeout > 0);
    // About the 1 s timeout: autocannon starts its timer a little before the engine stamps the
    // send (in whole ms), so a few ms short of it is still the request's own timeout.
    for (const w of timedOut) expect(w.latency!.max).toBeGreaterThanOrEqual(950_000);
    const end = lines.at(-1) as Extract<EngineLine, { type: 'end' }>;
    expect(end.totals.completed + end.totals.abandoned).toBe(end.totals.sent);
  }, 30_000);

  it('stops early when asked and still ends with its end line', async () => {
    server = await startQdrantLikeServer();
    const run = autocannonEngine.start({ plan: closedPlan(20, 2), corpus, targetUrl: server.url, workDir: mkdtempSync(join(tmpdir(), 'ac-')), logFile: '/dev/null' });
    setTimeout(() => run.stop(), 1500);
    const lines: EngineLine[] = [];
    const started = Date.now();
    for await (const line of run.lines) lines.push(line);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines.at(-1)).toMatchObject({ type: 'end', reason: 'interrupted' });
    expect(lines.some((l) => l.type === 'window')).toBe(true);
  });
});
