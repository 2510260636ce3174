import { describe, expect, it } from 'vitest';
import { OverloadError, SearchLimiter } from './limiter.ts';

describe('SearchLimiter', () => {
  it('runs searches one at a time, in arrival order', async () => {
    const limiter = new SearchLimiter(10, 1000);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.run(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(limiter.inFlight).toBe(0);
  });

  it('refuses at once past the in-flight limit, and admits again once there is room', async () => {
    const limiter = new SearchLimiter(2, 1000);
    const admitted = [limiter.run(() => 'a'), limiter.run(() => 'b')];
    await expect(limiter.run(() => 'c')).rejects.toThrow(OverloadError);
    await expect(limiter.run(() => 'c')).rejects.toThrow(/2 searches in flight on this lab node \(limit 2\)/);
    expect(await Promise.all(admitted)).toEqual(['a', 'b']);
    expect(await limiter.run(() => 'd')).toBe('d');
    expect(limiter.refused).toBe(2);
  });

  it('refuses a search that waited past the queue timeout when its turn comes', async () => {
    let now = 0;
    const limiter = new SearchLimiter(10, 100, () => now);
    const slow = limiter.run(() => {
      now += 150; // this search takes 150 ms of the clock
      return 'slow';
    });
    const late = limiter.run(() => 'late');
    expect(await slow).toBe('slow');
    await expect(late).rejects.toThrow(/waited 150 ms in this lab node's queue \(limit 100 ms\)/);
  });

  it('passes a search error on to its caller only', async () => {
    const limiter = new SearchLimiter(10, 1000);
    const failing = limiter.run(() => {
      throw new Error('boom');
    });
    const fine = limiter.run(() => 'fine');
    await expect(failing).rejects.toThrow('boom');
    expect(await fine).toBe('fine');
  });
});
