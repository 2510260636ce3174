import { describe, expect, it } from 'vitest';
import { Faults, parseFaultSpec, type FaultClock } from './faults.ts';

/** FakeClock advances time only when a fault sleeps, and plays back a list of random draws. */
class FakeClock implements FaultClock {
  time = 1_000_000;
  slept: number[] = [];
  draws: number[] = [];

  now(): number {
    return this.time;
  }

  random(): number {
    return this.draws.shift() ?? 0.999;
  }

  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.time += ms;
  }
}

describe('Faults', () => {
  it('lets requests through untouched when no fault is set', async () => {
    const clock = new FakeClock();
    const faults = new Faults(clock);
    expect(await faults.before('api')).toBeUndefined();
    expect(clock.slept).toEqual([]);
  });

  it('adds latency to every request, health checks included', async () => {
    const clock = new FakeClock();
    const faults = new Faults(clock);
    faults.set({ latencyMs: 150 });
    await faults.before('api');
    await faults.before('health');
    expect(clock.slept).toEqual([150, 150]);
  });

  it('answers API requests with errors at the given rate, never health checks', async () => {
    const clock = new FakeClock();
    const faults = new Faults(clock);
    faults.set({ errorRate: 0.25, errorStatus: 500 });
    clock.draws = [0.1, 0.3, 0.24, 0.9];
    const results = [await faults.before('api'), await faults.before('api'), await faults.before('api'), await faults.before('api')];
    expect(results).toEqual([500, undefined, 500, undefined]);
    clock.draws = [0];
    expect(await faults.before('health')).toBeUndefined();
  });

  it('holds every request until a stall ends', async () => {
    const clock = new FakeClock();
    const faults = new Faults(clock);
    const start = clock.time;
    faults.set({ stallSeconds: 2 });
    await faults.before('health');
    expect(clock.time - start).toBe(2000);
    expect(faults.state().stalledUntil).toBeNull();
  });

  it('clears latency and errors by itself after forSeconds', async () => {
    const clock = new FakeClock();
    const faults = new Faults(clock);
    faults.set({ latencyMs: 100, errorRate: 1, forSeconds: 5 });
    expect(faults.state()).toMatchObject({ latencyMs: 100, errorRate: 1, expiresAt: clock.time + 5000 });
    clock.time += 5000;
    expect(faults.state()).toMatchObject({ latencyMs: 0, errorRate: 0, expiresAt: null });
    expect(await faults.before('api')).toBeUndefined();
  });

  it('clear removes everything', () => {
    const faults = new Faults(new FakeClock());
    faults.set({ latencyMs: 5, errorRate: 0.5, stallSeconds: 10 });
    expect(faults.clear()).toMatchObject({ latencyMs: 0, errorRate: 0, stalledUntil: null, cpuUntil: null });
  });

  it('burns CPU on worker threads until told to stop', () => {
    const clock = new FakeClock();
    const faults = new Faults(clock);
    expect(faults.set({ cpuSeconds: 30, cpuThreads: 2 })).toMatchObject({ cpuThreads: 2, cpuUntil: clock.time + 30_000 });
    expect(faults.clear()).toMatchObject({ cpuThreads: 0, cpuUntil: null });
  });
});

describe('parseFaultSpec', () => {
  it('accepts the documented fields', () => {
    expect(parseFaultSpec({ latencyMs: 20, errorRate: 0.1, forSeconds: 30 })).toEqual({ latencyMs: 20, errorRate: 0.1, forSeconds: 30 });
  });

  it('names every bad field at once', () => {
    const message = (() => {
      try {
        parseFaultSpec({ errorRate: 2, latencyMs: -1, stall: 3 });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/errorRate: /);
    expect(message).toMatch(/latencyMs: /);
    expect(message).toMatch(/"stall"/);
  });
});
