import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { pollingSampler, readTimeoutMs } from './poller.ts';
import type { Reader, SampleData } from './sampler.ts';
import { collector } from './testdata/helpers.ts';

const CLUSTER: SampleData<'qdrant-cluster'> = { status: 'disabled', peers: 0 };

/** scriptedReader answers each reading with the next step: a value, an error, or a hang until aborted. */
function scriptedReader(steps: Array<'ok' | 'fail' | 'hang' | 'baseline'>, intervalMs = 40): Reader<'qdrant-cluster'> & { reads: number; closed: boolean } {
  const reader = {
    name: 'scripted',
    kind: 'qdrant-cluster' as const,
    source: 'http://node:6333',
    intervalMs,
    reads: 0,
    closed: false,
    requests: () => reader.reads,
    close: () => void (reader.closed = true),
    async read(signal: AbortSignal) {
      const step = steps[Math.min(reader.reads++, steps.length - 1)];
      if (step === 'fail') throw new Error('connect ECONNREFUSED 127.0.0.1:6333');
      if (step === 'baseline') return undefined;
      if (step === 'hang') await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      return CLUSTER;
    },
  };
  return reader;
}

describe('pollingSampler', () => {
  it('writes a sample per reading, a gap per failure, and warns once per failure streak', async () => {
    const out = collector();
    const reader = scriptedReader(['baseline', 'ok', 'fail', 'fail', 'fail', 'ok', 'fail', 'ok']);
    const sampler = pollingSampler(reader, out.output);
    sampler.start();
    while (reader.reads < 8) await sleep(10);
    const status = await sampler.stop();

    const kinds = out.lines.slice(0, 7).map((line) => line.type);
    expect(kinds).toEqual(['sample', 'gap', 'gap', 'gap', 'sample', 'gap', 'sample']);
    expect(out.lines[1]).toMatchObject({ type: 'gap', kind: 'qdrant-cluster', sampler: 'scripted', source: 'http://node:6333', error: 'connect ECONNREFUSED 127.0.0.1:6333' });
    expect(out.warnings).toHaveLength(2);
    expect(out.warnings[0]).toMatch(/^sampler scripted \(http:\/\/node:6333\): connect ECONNREFUSED .*recording gaps until it answers again$/);
    expect(status).toMatchObject({ name: 'scripted', kind: 'qdrant-cluster', status: 'degraded', gaps: 4, lastError: 'connect ECONNREFUSED 127.0.0.1:6333' });
    expect(status.samples).toBeGreaterThanOrEqual(3);
    expect(reader.closed).toBe(true);
  });

  it('keeps to its schedule: readings come an interval apart, not an interval after the previous one ended', async () => {
    const out = collector();
    const reader = scriptedReader(['ok'], 100);
    const sampler = pollingSampler(reader, out.output);
    sampler.start();
    await sleep(1050);
    const status = await sampler.stop();
    // 11 readings in 1.05 s at 100 ms; a busy machine may skip one or two, never add any.
    expect(reader.reads).toBeGreaterThanOrEqual(8);
    expect(reader.reads).toBeLessThanOrEqual(11);
    expect(status.requestsPerSecond).toBeGreaterThan(6);
    expect(status.requestsPerSecond).toBeLessThan(12);
  });

  it('gives up on a slow reading at its timeout, records a gap, and stop() does not wait for a hung reading', async () => {
    const out = collector();
    const reader = scriptedReader(['hang', 'hang', 'hang'], 200);
    const sampler = pollingSampler(reader, out.output);
    sampler.start();
    while (out.lines.length < 1) await sleep(10);
    expect(out.lines[0]).toMatchObject({ type: 'gap', error: `no answer within ${readTimeoutMs(200)} ms` });
    await sleep(120);
    const started = Date.now();
    const status = await sampler.stop();
    expect(Date.now() - started).toBeLessThan(100);
    expect(status.status).toBe('failed');
    expect(out.warnings).toHaveLength(1);
  });

  it('masks secrets in gap lines and warnings', async () => {
    const out = collector();
    const reader = { ...scriptedReader(['ok']), read: () => Promise.reject(new Error('auth failed for key sekrit-key')) };
    const sampler = pollingSampler(reader, { sink: out.sink, warn: out.warn, scrub: (m) => m.replaceAll('sekrit-key', '***') });
    sampler.start();
    while (out.lines.length < 1) await sleep(10);
    await sampler.stop();
    expect(JSON.stringify(out)).not.toContain('sekrit-key');
    expect(out.lines[0]).toMatchObject({ error: 'auth failed for key ***' });
  });

  it('keeps each reading well under the interval', () => {
    expect(readTimeoutMs(1000)).toBe(500);
    expect(readTimeoutMs(5000)).toBe(2000);
    expect(readTimeoutMs(60)).toBe(50);
  });
});
