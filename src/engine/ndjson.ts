import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * readNdjson yields one parsed object per line of a stream. A line that is not JSON (a crash
 * mid-write) is reported through onBadLine and skipped: one bad line must not lose the rest.
 */
export async function* readNdjson<T>(stream: Readable, onBadLine: (line: string) => void): AsyncIterable<T> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      onBadLine(line);
    }
  }
}
