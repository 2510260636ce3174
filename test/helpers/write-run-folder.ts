import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../../src/runfolder/manifest.ts';
import type { RecordedRun } from '../../src/runfolder/recorded-run.ts';

export interface WriteOptions {
  /** Write each second's windows a few seconds late, as the engine does once the timeout passes. */
  lateWindows?: boolean;
  /** End windows.ndjson with half a line and no end line, as a crash mid-write leaves it. */
  cutLastLine?: boolean;
}

/** writeRunFolder writes a RecordedRun as the orchestrator would, for reader and report tests. */
export function writeRunFolder(dir: string, run: RecordedRun, options: WriteOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, RUN_FILES.manifest), `${JSON.stringify(run.manifest, null, 2)}\n`);
  const engineLines: unknown[] = run.start ? [run.start] : [];
  // Ticks are written as each second ends; windows only once the request timeout has passed.
  const delay = options.lateWindows ? 3 : 0;
  const lastSecond = Math.max(-1, ...run.ticks.map((t) => t.second), ...run.windows.map((w) => w.second));
  for (let second = 0; second <= lastSecond + delay; second++) {
    engineLines.push(...run.ticks.filter((t) => t.second === second));
    const due = run.windows.filter((w) => w.second === second - delay);
    engineLines.push(...(options.lateWindows ? due.reverse() : due));
  }
  if (run.end && !options.cutLastLine) engineLines.push(run.end);
  let windowsText = ndjson(engineLines);
  if (options.cutLastLine) windowsText += JSON.stringify(run.windows[0] ?? {}).slice(0, 40);
  writeFileSync(join(dir, RUN_FILES.windows), windowsText);
  writeFileSync(join(dir, RUN_FILES.samples), ndjson([...run.samples, ...run.gaps].sort((a, b) => a.t - b.t)));
  writeFileSync(join(dir, RUN_FILES.events), ndjson(run.events));
  return dir;
}

function ndjson(lines: unknown[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
