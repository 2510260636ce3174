import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisLatencyData } from '../runfolder/sample-lines.ts';
import { abortable, withDeadline } from './abortable.ts';
import { round3 } from './rates.ts';
import { closeRedis, connectRedis, whenReady, type RedisConnection } from './redis-client.ts';
import { SamplerLedger, errorMessage, type Sampler, type SamplerOutput } from './sampler.ts';

// The latency probe works as `redis-cli --latency`: PING, wait for the reply, pause 10 ms, again,
// on a connection of its own. Each PING counts in the second it was sent in, so a stall shows in
// the second it began (DEBUG SLEEP 0.5 sent at 12.8 s is a ~500 ms PING in second 12).

const PAUSE_MS = 10;
const ERROR_PAUSE_MS = 250;
const CONNECT_WAIT_MS = 500;
const SECOND_MS = 1000;

export interface RedisLatencyOptions {
  /** The wall-clock ms of second 0 (the engine's startUnixMs once known): per-second summaries align to its seconds. */
  secondZeroMs: () => number;
  /** A PING unanswered this long is given up and the connection re-opened. */
  pingTimeoutMs?: number;
}

/** redisLatencySampler probes Redis with PINGs ~100 times a second and writes one summary per second. */
export function redisLatencySampler(url: string, source: string, output: SamplerOutput, options: RedisLatencyOptions): Sampler {
  const sampler = { name: 'redis-latency', kind: 'redis-latency' as const, source };
  const ledger = new SamplerLedger(sampler, output);
  const seconds = new LatencySeconds(options.secondZeroMs);
  const pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  const stopping = new AbortController();
  let lastConnectionError: Error | undefined;
  const connect = (): RedisConnection => connectRedis(url, (error) => (lastConnectionError = error));
  let client = connect();
  let pings = 0;
  let loop: Promise<void> | undefined;

  const record = (closed: ClosedSecond): void => {
    if ('error' in closed) ledger.gap(closed.t, new Error(closed.error));
    else ledger.sample('redis-latency', closed.t, closed.data);
  };

  async function ping(): Promise<void> {
    let sentAt = Date.now();
    const connecting = withDeadline(CONNECT_WAIT_MS, stopping.signal);
    try {
      await whenReady(client, connecting.signal, () => lastConnectionError);
      sentAt = Date.now();
      seconds.add(sentAt, await roundTrip());
    } catch (error) {
      if (stopping.signal.aborted) return;
      seconds.fail(sentAt, errorMessage(error));
      await sleep(ERROR_PAUSE_MS, undefined, { signal: stopping.signal }).catch(() => {});
    } finally {
      connecting.clear();
    }
  }

  /** roundTrip sends one PING and returns how long the PONG took, µs. */
  async function roundTrip(): Promise<number> {
    const answering = withDeadline(pingTimeoutMs, stopping.signal);
    const start = performance.now();
    pings++;
    try {
      await abortable(client.ping(), answering.signal);
      return (performance.now() - start) * 1000;
    } catch (error) {
      if (stopping.signal.aborted || !answering.signal.aborted) throw error;
      // node-redis cannot cancel a sent command: a fresh connection is the only way not to queue behind it.
      closeRedis(client);
      client = connect();
      throw new Error(`no PONG within ${pingTimeoutMs} ms`);
    } finally {
      answering.clear();
    }
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      await ping();
      seconds.close(Date.now()).forEach(record);
      await sleep(PAUSE_MS, undefined, { signal: stopping.signal }).catch(() => {});
    }
  }

  return {
    ...sampler,
    start() {
      loop ??= run();
    },
    async stop() {
      stopping.abort();
      await loop;
      closeRedis(client);
      seconds.close(Number.POSITIVE_INFINITY).forEach(record);
      return ledger.status(pings);
    },
  };
}

interface OpenSecond {
  micros: number[];
  failed: number;
  error?: string;
}

/** ClosedSecond is a finished second: its latency summary, or why it has none. */
export type ClosedSecond = { t: number; data: RedisLatencyData } | { t: number; error: string };

/**
 * LatencySeconds files PING round trips (µs) under the second they were sent in and closes
 * seconds once they are over. A second in which no PING was sent, because one PING spanned it,
 * closes as a gap: Redis did not answer during that second.
 */
export class LatencySeconds {
  private readonly open = new Map<number, OpenSecond>();
  private lastClosed: number | undefined;

  constructor(private readonly secondZeroMs: () => number) {}

  add(sentAt: number, micros: number): void {
    this.at(sentAt).micros.push(micros);
  }

  fail(sentAt: number, error: string): void {
    const second = this.at(sentAt);
    second.error = error;
    second.failed++;
  }

  /** close returns, oldest first, every second that ended at or before nowMs; Infinity closes all. */
  close(nowMs: number): ClosedSecond[] {
    const closed: ClosedSecond[] = [];
    const ended = [...this.open.keys()].filter((start) => start + SECOND_MS <= nowMs).sort((a, b) => a - b);
    for (const start of ended) {
      if (this.lastClosed !== undefined) {
        // Seconds skipped over by a PING that took longer than a second.
        for (let silent = this.secondStart(this.lastClosed + SECOND_MS); silent < start; silent += SECOND_MS) {
          if (silent > this.lastClosed) closed.push({ t: silent, error: 'Redis did not answer during this second (a PING sent earlier was still waiting)' });
        }
      }
      const second = this.open.get(start)!;
      this.open.delete(start);
      this.lastClosed = start;
      if (second.micros.length === 0) closed.push({ t: start, error: second.error ?? 'no PING sent' });
      else closed.push({ t: start, data: { ...summarise(second.micros), ...(second.failed > 0 ? { failed: second.failed } : {}) } });
    }
    return closed;
  }

  private at(sentAt: number): OpenSecond {
    const start = this.secondStart(sentAt);
    let second = this.open.get(start);
    if (!second) this.open.set(start, (second = { micros: [], failed: 0 }));
    return second;
  }

  private secondStart(ms: number): number {
    const zero = this.secondZeroMs();
    return zero + Math.floor((ms - zero) / SECOND_MS) * SECOND_MS;
  }
}

/** summarise turns one second's round trips (µs) into min, mean, median, p99 and max in ms. */
export function summarise(micros: number[]): RedisLatencyData {
  const sorted = [...micros].sort((a, b) => a - b);
  // Nearest rank: the value below which the given share of the round trips fall.
  const rank = (share: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
  const ms = (us: number): number => round3(us / 1000);
  return {
    samples: sorted.length,
    minMs: ms(sorted[0]!),
    avgMs: ms(sorted.reduce((sum, us) => sum + us, 0) / sorted.length),
    p50Ms: ms(rank(0.5)),
    p99Ms: ms(rank(0.99)),
    maxMs: ms(sorted[sorted.length - 1]!),
  };
}
