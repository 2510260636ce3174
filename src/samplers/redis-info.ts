import type { RedisInfoData } from '../runfolder/sample-lines.ts';
import { abortable } from './abortable.ts';
import { differencingReader } from './differencing-reader.ts';
import { parseRedisInfo, type RedisInfoSnapshot } from './parsers/redis-info.ts';
import { increase } from './rates.ts';
import { closeRedis, connectRedis, whenReady } from './redis-client.ts';
import type { Reader } from './sampler.ts';

/** redisInfoReader runs INFO every interval on a connection of its own: ops/s, clients, memory, evictions, and the cache hit ratio over the interval. */
export function redisInfoReader(url: string, source: string, intervalMs: number): Reader<'redis-info'> {
  let lastConnectionError: Error | undefined;
  const client = connectRedis(url, (error) => (lastConnectionError = error));
  let requests = 0;
  return differencingReader(
    { name: 'redis-info', kind: 'redis-info', source, intervalMs, requests: () => requests, close: () => closeRedis(client) },
    async (signal) => {
      await whenReady(client, signal, () => lastConnectionError);
      requests++;
      return parseRedisInfo(await abortable(client.info(), signal));
    },
    (current, previous) => redisInfoData(current, previous?.snapshot),
  );
}

/** redisInfoData is one INFO reading, with the hit ratio over the interval since the previous one. */
export function redisInfoData(current: RedisInfoSnapshot, previous?: RedisInfoSnapshot): RedisInfoData {
  const data: RedisInfoData = { ...current };
  if (previous) {
    const hits = increase(previous.keyspaceHits, current.keyspaceHits);
    const lookups = hits + increase(previous.keyspaceMisses, current.keyspaceMisses);
    if (lookups > 0) data.hitRatio = Math.round((hits / lookups) * 10_000) / 10_000;
  }
  return data;
}
