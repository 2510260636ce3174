import { describe, expect, it } from 'vitest';
import { fixture } from '../testdata/helpers.ts';
import { parseRedisInfo, parseRedisInfoFields } from './redis-info.ts';

describe('parseRedisInfo', () => {
  it('reads the sampled fields from real Redis 7.0 INFO text (CRLF line ends)', () => {
    expect(parseRedisInfo(fixture('redis-7.0-info.txt'))).toEqual({
      opsPerSecond: 30,
      connectedClients: 1,
      blockedClients: 0,
      usedMemoryBytes: 967_952,
      keyspaceHits: 20,
      keyspaceMisses: 20,
      evictedKeys: 0,
      rejectedConnections: 0,
    });
    expect(parseRedisInfoFields(fixture('redis-7.0-info.txt')).get('redis_version')).toBe('7.0.15');
  });

  it('names the field that is missing or not a number', () => {
    expect(() => parseRedisInfo('# Server\r\nredis_version:7.0.15\r\n')).toThrow(/no numeric instantaneous_ops_per_sec/);
    const garbled = fixture('redis-7.0-info.txt').replace('used_memory:967952', 'used_memory:lots');
    expect(() => parseRedisInfo(garbled)).toThrow(/no numeric used_memory/);
  });
});
