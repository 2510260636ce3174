import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../analysis/analyze.ts';
import type { Summary } from '../analysis/summary-types.ts';
import { buildTimeseries } from '../analysis/timeseries.ts';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import { readRunFolder } from '../runfolder/read.ts';
import { RUN_FILES } from '../runfolder/manifest.ts';
import type { ReportInput } from './input.ts';
import { readKeptSummary } from './kept-summary.ts';

/**
 * reportInputOf rebuilds a report's whole input from a run folder's raw data (run.json and the
 * NDJSON files), never from a summary.json that an older vecstress wrote: the analysis runs
 * again, with other thresholds if given. `problems` are what the reader had to skip.
 */
export function reportInputOf(dir: string, options: { thresholds?: ThresholdsDefinition } = {}): { input: ReportInput; problems: string[] } {
  const run = readRunFolder(dir);
  const summary = analyzeRun(run, options.thresholds ? { thresholds: options.thresholds } : {});
  return { input: { manifest: run.manifest, summary, timeseries: buildTimeseries(run) }, problems: run.problems };
}

/**
 * summaryOf is a run's summary for a comparison (`vecstress compare`, `stress --baseline`):
 * analysed again from the raw data, so two runs made by different vecstress versions compare
 * like for like, whatever version of summary.json each kept (the raw files did not change when
 * summary.json went to version 2). A folder whose raw windows are gone falls back to the
 * summary.json it kept, which must then be of this version: an older one holds sentences where
 * this one holds numbers and codes, and cannot be read as one.
 */
export function summaryOf(dir: string): Summary {
  const run = readRunFolder(dir);
  const kept = join(dir, RUN_FILES.summary);
  if (run.windows.length > 0 || !existsSync(kept)) return analyzeRun(run);
  return readKeptSummary(dir);
}
