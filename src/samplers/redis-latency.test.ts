import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { LatencySeconds, redisLatencySampler, summarise } from './redis-latency.ts';
import type { SampleOutput } from './sampler.ts';
import { collector, freePort, startRedis, waitFor, type RedisServer } from './testdata/helpers.ts';

describe('summarise', () => {
  it('gives min, mean, nearest-rank median and p99, and max in ms from µs', () => {
    const micros = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 µs .. 1000 µs
    expect(summarise(micros)).toEqual({ samples: 100, minMs: 0.01, avgMs: 0.505, p50Ms: 0.5, p99Ms: 0.99, maxMs: 1 });
    expect(summarise([250])).toEqual({ samples: 1, minMs: 0.25, avgMs: 0.25, p50Ms: 0.25, p99Ms: 0.25, maxMs: 0.25 });
  });
});

describe('LatencySeconds', () => {
  const ZERO = 1_000_500; // second 0 starts at an odd ms, as the engine's startUnixMs does

  it('files each PING under the second it was sent in, aligned to second zero, and closes seconds once over', () => {
    const seconds = new LatencySeconds(() => ZERO);
    seconds.add(ZERO + 100, 200);
    seconds.add(ZERO + 990, 500_000); // sent late in second 0, answered in second 1: still second 0
    seconds.add(ZERO + 1200, 300);
    expect(seconds.close(ZERO + 999)).toEqual([]);
    const closed = seconds.close(ZERO + 1500);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ t: ZERO, data: { samples: 2, maxMs: 500 } });
    expect(closed[0]).not.toHaveProperty('data.failed');
    expect(seconds.close(ZERO + 2000)).toMatchObject([{ t: ZERO + 1000, data: { samples: 1, maxMs: 0.3 } }]);
  });

  it('closes a second with only failures as a gap, and seconds spanned by one long PING as gaps', () => {
    const seconds = new LatencySeconds(() => ZERO);
    seconds.fail(ZERO + 10, 'The client is offline');
    seconds.add(ZERO + 1050, 400);
    seconds.fail(ZERO + 1060, 'no PONG within 300 ms');
    seconds.add(ZERO + 1100, 3_000_000); // a 3 s stall sent in second 1
    seconds.add(ZERO + 4200, 100);
    expect(seconds.close(ZERO + 5000)).toEqual([
      { t: ZERO, error: 'The client is offline' },
      { t: ZERO + 1000, data: expect.objectContaining({ samples: 2, maxMs: 3000, failed: 1 }) },
      { t: ZERO + 2000, error: expect.stringMatching(/did not answer during this second/) },
      { t: ZERO + 3000, error: expect.stringMatching(/did not answer during this second/) },
      { t: ZERO + 4000, data: expect.objectContaining({ samples: 1 }) },
    ]);
  });
});

describe('redisLatencySampler against a real redis-server', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  function start(url: string, secondZero: number) {
    const out = collector();
    const sampler = redisLatencySampler(url, 'redis', out.output, { secondZeroMs: () => secondZero });
    sampler.start();
    return { out, sampler };
  }

  it('shows DEBUG SLEEP 0.5 as a ~500 ms PING in the second it was sent, and sub-ms PINGs around it', async () => {
    redis = await startRedis();
    const secondZero = Date.now() + 137;
    const { out, sampler } = start(redis.url, secondZero);
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      await sleep(1800);
      const sleptAt = Date.now();
      await admin.sendCommand(['DEBUG', 'SLEEP', '0.5']);
      await sleep(1800);
      const status = await sampler.stop();

      const samples = out.lines.filter((line): line is Extract<SampleOutput, { type: 'sample'; kind: 'redis-latency' }> => line.type === 'sample' && line.kind === 'redis-latency');
      const second = (t: number) => Math.floor((t - secondZero) / 1000);
      const spike = samples.find((line) => line.data.maxMs > 300);
      expect(spike, JSON.stringify(samples)).toBeDefined();
      expect(spike!.data.maxMs).toBeGreaterThan(400);
      expect(spike!.data.maxMs).toBeLessThan(1500);
      // The PING that waited was sent in the second DEBUG SLEEP began, or just before it (within one PING's pause).
      expect([second(sleptAt), second(sleptAt - 50)]).toContain(second(spike!.t));
      // Every line's t is the start of one of the engine's seconds.
      expect(samples.every((line) => (line.t - secondZero) % 1000 === 0)).toBe(true);
      const quiet = samples.filter((line) => line !== spike);
      expect(quiet.length).toBeGreaterThanOrEqual(2);
      expect(quiet.every((line) => line.data.maxMs < 200)).toBe(true);
      expect(Math.min(...quiet.map((line) => line.data.p50Ms))).toBeLessThan(20);
      // About a PING every 10 ms on an idle machine; far fewer on a loaded one, never more.
      expect(status.requestsPerSecond).toBeGreaterThan(10);
      expect(status.requestsPerSecond).toBeLessThan(120);
      expect(status).toMatchObject({ name: 'redis-latency', kind: 'redis-latency', status: 'ok', gaps: 0 });
    } finally {
      await admin.quit();
    }
  });

  it('gives up on a PING past its timeout, opens a new connection and goes on sampling', async () => {
    redis = await startRedis();
    const out = collector();
    const sampler = redisLatencySampler(redis.url, 'redis', out.output, { secondZeroMs: () => 0, pingTimeoutMs: 300 });
    sampler.start();
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      await sleep(800);
      await admin.sendCommand(['DEBUG', 'SLEEP', '1.2']);
      const sleptAt = Date.now();
      await sleep(2500);
      await sampler.stop();
      const timedOut = out.lines.filter((line) => (line.type === 'gap' ? line.error === 'no PONG within 300 ms' : line.kind === 'redis-latency' && (line.data.failed ?? 0) > 0));
      expect(timedOut.length, JSON.stringify(out.lines)).toBeGreaterThan(0);
      expect(out.lines.some((line) => line.type === 'sample' && line.t >= sleptAt + 1000)).toBe(true);
    } finally {
      await admin.quit();
    }
  });

  it('authenticates with the password in the URL, and never writes it', async () => {
    redis = await startRedis({ password: 'pa:ss@word-42' });
    const { out, sampler } = start(redis.url, Date.now());
    await sleep(1600);
    const status = await sampler.stop();
    expect(status).toMatchObject({ status: 'ok', gaps: 0 });
    expect(status.samples).toBeGreaterThan(0);
    expect(JSON.stringify(out)).not.toContain('pa:ss@word-42');
  });

  it('records gaps while Redis is down and samples again once it is back, warning once', async () => {
    const port = await freePort();
    const { out, sampler } = start(`redis://127.0.0.1:${port}`, Date.now());
    await waitFor('a gap while Redis is down', () => out.lines.some((line) => line.type === 'gap'));
    redis = await startRedis({ port });
    await waitFor('a sample once Redis is back', () => out.lines.some((line) => line.type === 'sample'));
    const status = await sampler.stop();
    expect(status.status).toBe('degraded');
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/redis-latency \(redis\): .*ECONNREFUSED|offline|not connected/);
  });
});
