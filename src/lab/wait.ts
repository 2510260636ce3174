import { pause } from './processes.ts';

/** ReadinessError says which component never became ready, and why as far as the last probe knew. */
export class ReadinessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadinessError';
  }
}

/**
 * waitUntil polls a probe until it reports ready, the process it watches has died, or the deadline
 * passes. The probe returns undefined when ready, or why not yet; polling is how readiness is
 * learnt here (no fixed sleeps).
 */
export async function waitUntil(what: string, probe: () => Promise<string | undefined>, options: { timeoutMs: number; alive?: () => boolean; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let reason = 'not probed yet';
  for (;;) {
    if (options.alive && !options.alive()) throw new ReadinessError(`${what} exited before it was ready (last probe: ${reason})`);
    const notReady = await probe().catch((error: unknown) => describe(error));
    if (notReady === undefined) return;
    reason = notReady;
    if (Date.now() >= deadline) throw new ReadinessError(`${what} was not ready after ${Math.round(options.timeoutMs / 1000)} s: ${reason}`);
    await pause(options.intervalMs ?? 50);
  }
}

/** httpReady probes a URL: ready on a 2xx, otherwise the status or the connection error. */
export function httpReady(url: string): () => Promise<string | undefined> {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok ? undefined : `${url} answered ${response.status}`;
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message ?? String(error);
}
