import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRedisInfo } from './parsers/redis-info.ts';
import { pollingSampler } from './poller.ts';
import { redisInfoData, redisInfoReader } from './redis-info.ts';
import type { SampleOutput } from './sampler.ts';
import { collector, fixture, startRedis, type RedisServer } from './testdata/helpers.ts';

describe('redisInfoData', () => {
  const first = parseRedisInfo(fixture('redis-7.0-info.txt'));

  it('has no hit ratio on the first reading, and the interval ratio after', () => {
    expect(redisInfoData(first).hitRatio).toBeUndefined();
    expect(redisInfoData({ ...first, keyspaceHits: 50, keyspaceMisses: 30 }, first).hitRatio).toBe(0.75);
  });

  it('has no hit ratio over an interval without lookups', () => {
    expect(redisInfoData(first, first).hitRatio).toBeUndefined();
  });
});

describe('redisInfoReader against a real redis-server', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('reads INFO every interval and the hit ratio of the lookups made between readings', async () => {
    redis = await startRedis();
    const out = collector();
    const sampler = pollingSampler(redisInfoReader(redis.url, 'redis', 400), out.output);
    const app = createClient({ url: redis.url });
    await app.connect();
    try {
      await app.set('cached', 'v');
      sampler.start();
      await sleep(500);
      // 3 hits and 1 miss inside one interval.
      for (const key of ['cached', 'cached', 'cached', 'absent']) await app.get(key);
      await sleep(900);
      const status = await sampler.stop();
      const samples = out.lines.filter((line): line is Extract<SampleOutput, { type: 'sample'; kind: 'redis-info' }> => line.type === 'sample' && line.kind === 'redis-info');
      expect(samples.length).toBeGreaterThanOrEqual(3);
      expect(samples.map((line) => line.data.hitRatio).filter((ratio) => ratio !== undefined)).toEqual([0.75]);
      const last = samples.at(-1)!.data;
      expect(last).toMatchObject({ keyspaceHits: 3, keyspaceMisses: 1, evictedKeys: 0, rejectedConnections: 0, blockedClients: 0 });
      // The application's connection and the sampler's own.
      expect(last.connectedClients).toBeGreaterThanOrEqual(2);
      expect(last.usedMemoryBytes).toBeGreaterThan(100_000);
      expect(status).toMatchObject({ name: 'redis-info', status: 'ok', gaps: 0 });
      expect(status.requestsPerSecond).toBeGreaterThan(1);
      expect(status.requestsPerSecond).toBeLessThan(4);
    } finally {
      await app.quit();
    }
  });

  it('records a gap per interval while Redis is unreachable, with the connection error', async () => {
    const out = collector();
    const sampler = pollingSampler(redisInfoReader('redis://127.0.0.1:1', 'redis', 300), out.output);
    sampler.start();
    await sleep(1000);
    const status = await sampler.stop();
    expect(status).toMatchObject({ status: 'failed', samples: 0 });
    expect(status.gaps).toBeGreaterThanOrEqual(2);
    expect(status.lastError).toMatch(/ECONNREFUSED/);
    expect(out.warnings).toHaveLength(1);
  });
});
