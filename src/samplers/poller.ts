import { setTimeout as sleep } from 'node:timers/promises';
import type { SampleKind } from '../runfolder/sample-lines.ts';
import { withDeadline } from './abortable.ts';
import { SamplerLedger, type Reader, type Sampler, type SamplerOutput } from './sampler.ts';

/**
 * readTimeoutMs is how long one reading may take: well under the interval, so a slow endpoint
 * costs a gap, never a late or overlapping reading.
 */
export function readTimeoutMs(intervalMs: number): number {
  return Math.max(50, Math.min(2000, Math.floor(intervalMs / 2)));
}

/**
 * pollingSampler runs a Reader every intervalMs on a fixed schedule (readings do not drift with
 * their own duration), turning each failure into a gap line. The first reading is taken at start.
 */
export function pollingSampler<K extends SampleKind>(reader: Reader<K>, output: SamplerOutput): Sampler {
  const ledger = new SamplerLedger(reader, output);
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;

  async function readOnce(): Promise<void> {
    const t = Date.now();
    const timeoutMs = readTimeoutMs(reader.intervalMs);
    const deadline = withDeadline(timeoutMs, stopping.signal);
    const signal = deadline.signal;
    try {
      const data = await reader.read(signal);
      if (stopping.signal.aborted) return;
      if (data !== undefined) ledger.sample(reader.kind, t, data);
    } catch (error) {
      // A reading cut short by stop() is not a gap: the run ended, the endpoint did not fail.
      if (stopping.signal.aborted) return;
      // Clients reject an aborted read with the signal's reason or an AbortError; other errors say more.
      const aborted = signal.aborted && (error === signal.reason || (error instanceof Error && ['AbortError', 'TimeoutError'].includes(error.name)));
      ledger.gap(t, aborted ? new Error(`no answer within ${timeoutMs} ms`) : error);
    } finally {
      deadline.clear();
    }
  }

  async function run(): Promise<void> {
    let due = Date.now();
    while (!stopping.signal.aborted) {
      await readOnce();
      due += reader.intervalMs;
      // A machine too busy to keep the schedule skips readings rather than bunching them up.
      if (due < Date.now()) due = Date.now() + reader.intervalMs;
      try {
        await sleep(due - Date.now(), undefined, { signal: stopping.signal });
      } catch {
        return;
      }
    }
  }

  return {
    name: reader.name,
    kind: reader.kind,
    source: reader.source,
    start() {
      loop ??= run();
    },
    async stop() {
      stopping.abort();
      await loop;
      reader.close?.();
      return ledger.status(reader.requests());
    },
  };
}
