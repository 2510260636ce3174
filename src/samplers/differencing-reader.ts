import type { SampleKind } from '../runfolder/sample-lines.ts';
import type { Reader, SampleData } from './sampler.ts';

/** ReaderIdentity names a reader and says how often it reads and how many requests it has made. */
export interface ReaderIdentity<K extends SampleKind> {
  name: string;
  kind: K;
  source: string;
  intervalMs: number;
  requests: () => number;
  close?: () => void;
}

/**
 * differencingReader builds a Reader from two steps: take a snapshot (fetch and parse), then
 * derive the sample from it and the previous snapshot, elapsedMs earlier (undefined on the first
 * reading). Counters become rates this way, one reading behind; a reader without counters
 * ignores the previous snapshot.
 */
export function differencingReader<K extends SampleKind, S>(
  identity: ReaderIdentity<K>,
  take: (signal: AbortSignal) => Promise<S>,
  derive: (current: S, previous: { snapshot: S; elapsedMs: number } | undefined) => SampleData<K> | undefined,
): Reader<K> {
  let previous: { at: number; snapshot: S } | undefined;
  return {
    ...identity,
    async read(signal) {
      const at = performance.now();
      const snapshot = await take(signal);
      const before = previous;
      previous = { at, snapshot };
      return derive(snapshot, before && { snapshot: before.snapshot, elapsedMs: at - before.at });
    },
  };
}
