// Fault injection for the lab's nodes and gateway: added latency, errors at a rate, a stall of
// every request, and CPU burnt on worker threads. Each fault may expire by itself (`for`), so a
// fault set from a script cannot outlive the test that set it.

import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { formatPath } from '../config/errors.ts';

export const faultSpecSchema = z.strictObject({
  /** Added to every request before it is handled, ms. */
  latencyMs: z.number().min(0).max(600_000).optional(),
  /** Share of API requests (not health checks) answered with errorStatus instead, 0..1. */
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.number().int().min(400).max(599).optional(),
  /** Hold every request, health checks included, for this many seconds from now. */
  stallSeconds: z.number().positive().max(3600).optional(),
  /** Keep cpuThreads threads busy for this many seconds from now. */
  cpuSeconds: z.number().positive().max(3600).optional(),
  cpuThreads: z.number().int().min(1).max(16).optional(),
  /** Clear latency and errors after this many seconds. */
  forSeconds: z.number().positive().max(86_400).optional(),
});

export type FaultSpec = z.output<typeof faultSpecSchema>;

/** FaultState is what is in force now, as the admin route reports it. */
export interface FaultState {
  latencyMs: number;
  errorRate: number;
  errorStatus: number;
  /** Wall-clock ms until which requests are held, or null. */
  stalledUntil: number | null;
  /** Wall-clock ms until which CPU is burnt, or null. */
  cpuUntil: number | null;
  cpuThreads: number;
  /** Wall-clock ms at which latency and errors clear by themselves, or null. */
  expiresAt: number | null;
}

const DEFAULT_ERROR_STATUS = 503;

/** parseFaultSpec validates a fault request body and lists every problem in one message. */
export function parseFaultSpec(input: unknown): FaultSpec {
  const result = faultSpecSchema.safeParse(input);
  if (result.success) return result.data;
  throw new Error(result.error.issues.map((issue) => `${formatPath(issue.path.filter((k) => typeof k !== 'symbol')) || 'body'}: ${issue.message}`).join('; '));
}

export type RouteKind = 'api' | 'health';

export interface FaultClock {
  now(): number;
  random(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: FaultClock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Faults holds one process's fault state and applies it to each request. */
export class Faults {
  private latencyMs = 0;
  private errorRate = 0;
  private errorStatus = DEFAULT_ERROR_STATUS;
  private stalledUntil: number | null = null;
  private cpuUntil: number | null = null;
  private cpuThreads = 0;
  private expiresAt: number | null = null;
  private burners: Worker[] = [];

  constructor(private readonly clock: FaultClock = realClock) {}

  /** set adds the given faults to what is in force (a field not given is left as it is). */
  set(spec: FaultSpec): FaultState {
    const now = this.clock.now();
    if (spec.latencyMs !== undefined) this.latencyMs = spec.latencyMs;
    if (spec.errorRate !== undefined) this.errorRate = spec.errorRate;
    if (spec.errorStatus !== undefined) this.errorStatus = spec.errorStatus;
    if (spec.stallSeconds !== undefined) this.stalledUntil = now + spec.stallSeconds * 1000;
    if (spec.forSeconds !== undefined) this.expiresAt = now + spec.forSeconds * 1000;
    if (spec.cpuSeconds !== undefined) this.burnCpu(spec.cpuSeconds * 1000, spec.cpuThreads ?? 1);
    return this.state();
  }

  clear(): FaultState {
    this.latencyMs = 0;
    this.errorRate = 0;
    this.errorStatus = DEFAULT_ERROR_STATUS;
    this.stalledUntil = null;
    this.expiresAt = null;
    this.stopBurning();
    return this.state();
  }

  state(): FaultState {
    this.expire();
    return {
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      errorStatus: this.errorStatus,
      stalledUntil: this.stalledUntil,
      cpuUntil: this.cpuUntil,
      cpuThreads: this.cpuUntil === null ? 0 : this.cpuThreads,
      expiresAt: this.expiresAt,
    };
  }

  /**
   * before runs ahead of a request's handler: it holds the request through a stall and the added
   * latency, then returns the status of an injected error, if this request draws one. Health
   * checks are stalled and delayed (a frozen process answers nothing) but never given errors, so
   * an error fault looks like a sick application, not a node the balancer takes out.
   */
  async before(kind: RouteKind): Promise<number | undefined> {
    this.expire();
    while (this.stalledUntil !== null && this.clock.now() < this.stalledUntil) {
      await this.clock.sleep(Math.min(this.stalledUntil - this.clock.now(), 100));
      this.expire();
    }
    if (this.latencyMs > 0) await this.clock.sleep(this.latencyMs);
    if (kind === 'api' && this.errorRate > 0 && this.clock.random() < this.errorRate) return this.errorStatus;
    return undefined;
  }

  private expire(): void {
    const now = this.clock.now();
    if (this.stalledUntil !== null && now >= this.stalledUntil) this.stalledUntil = null;
    if (this.cpuUntil !== null && now >= this.cpuUntil) this.cpuUntil = null;
    if (this.expiresAt !== null && now >= this.expiresAt) {
      this.latencyMs = 0;
      this.errorRate = 0;
      this.errorStatus = DEFAULT_ERROR_STATUS;
      this.expiresAt = null;
    }
  }

  /** burnCpu spins worker threads (a noisy neighbour on the host), leaving the event loop free. */
  private burnCpu(ms: number, threads: number): void {
    this.stopBurning();
    this.cpuUntil = this.clock.now() + ms;
    this.cpuThreads = threads;
    const code = `const end = Date.now() + ${Math.round(ms)}; let x = 0; while (Date.now() < end) { x = (x + 1) % 1e9; }`;
    this.burners = Array.from({ length: threads }, () => {
      const worker = new Worker(code, { eval: true });
      worker.unref();
      worker.on('exit', () => (this.burners = this.burners.filter((w) => w !== worker)));
      return worker;
    });
  }

  private stopBurning(): void {
    for (const worker of this.burners) void worker.terminate();
    this.burners = [];
    this.cpuUntil = null;
    this.cpuThreads = 0;
  }
}
