import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_PROTOCOL_VERSION, type EndLine, type StartLine, type TickLine, type WindowLine } from './engine-lines.ts';
import { EVENT_TYPES, type EventLine } from './event-lines.ts';
import { notRegularFile } from '../regular-file.ts';
import { RunFolderError } from './errors.ts';
import { readJsonFile } from './json-file.ts';
import { checkedManifest } from './manifest-schema.ts';
import { RUN_FILES, RUN_FOLDER_VERSION, type RunManifest } from './manifest.ts';
import { upgradeManifestV1, type RunManifestV1 } from './manifest-v1.ts';
import type { RecordedRun } from './recorded-run.ts';
import { uniformAbort } from '../plan/abort.ts';
import { SAMPLE_KINDS, type GapLine, type SampleLine } from './sample-lines.ts';
import { lastPlanSecond, windowProblem } from './window-checks.ts';

export { RunFolderError } from './errors.ts';

/** At most this many damaged lines of one file are listed one by one; the rest are counted. */
const LISTED_PROBLEMS = 20;
/** Samples and events may come this long before second 0: the lab starts and the samplers warm up first. */
const LEAD_IN_SECONDS = 3600;

// Reads a run folder back (docs/run-folder.md). Windows arrive out of order in the file, so they
// are sorted here; a crash can leave a half-written last line, which is skipped and noted. Every
// other oddity is also noted in `problems` rather than thrown, so a damaged folder still gives
// a partial report: only a missing or newer run.json stops the reader.

/** readRunFolder reads the run folder at dir into memory. */
export function readRunFolder(dir: string): RecordedRun {
  const manifest = readRunManifest(dir);
  const problems: string[] = [];
  const run: RecordedRun = { dir, manifest, start: null, end: null, windows: [], ticks: [], samples: [], gaps: [], events: [], problems };
  const lastSecond = lastPlanSecond(manifest);
  const inPlan = (second: unknown): boolean => typeof second === 'number' && Number.isInteger(second) && second >= 0 && second <= lastSecond;
  const damaged: string[] = [];
  const outsidePlan: string[] = [];

  for (const [line, where] of readLines(dir, RUN_FILES.windows, problems)) {
    switch (line.type) {
      case 'start':
        if (typeof line.protocol === 'number' && line.protocol > ENGINE_PROTOCOL_VERSION) {
          throw new RunFolderError(
            `${join(dir, RUN_FILES.windows)} was written with engine protocol ${line.protocol}; this vecstress reads up to ${ENGINE_PROTOCOL_VERSION}: use a newer vecstress`,
          );
        }
        run.start = line as unknown as StartLine;
        break;
      case 'window': {
        const problem = isWindow(line) ? windowProblem(line) : 'a window without its second, collection or counts';
        if (problem) damaged.push(`${where}: ${problem}; skipped`);
        else if (!inPlan(line.second)) outsidePlan.push(where);
        else run.windows.push(line as RawLine & WindowLine);
        break;
      }
      case 'tick':
        if (typeof line.second !== 'number') problems.push(`${where}: a tick without its second; skipped`);
        else if (!inPlan(line.second)) outsidePlan.push(where);
        else run.ticks.push(line as unknown as TickLine);
        break;
      case 'end':
        run.end = line as unknown as EndLine;
        break;
      default:
        problems.push(`${where}: unknown line type ${JSON.stringify(line.type)}; skipped`);
    }
  }

  problems.push(...listed(damaged));
  if (outsidePlan.length > 0) {
    problems.push(`${RUN_FILES.windows}: ${outsidePlan.length} line${outsidePlan.length === 1 ? '' : 's'} outside the plan's seconds 0 to ${lastSecond} (first ${outsidePlan[0]}); skipped`);
  }

  for (const [line, where] of readLines(dir, RUN_FILES.samples, problems)) {
    const known = typeof line.kind === 'string' && (SAMPLE_KINDS as readonly string[]).includes(line.kind);
    if (!known || typeof line.second !== 'number' || typeof line.t !== 'number') {
      problems.push(`${where}: not a sample or gap of a known kind; skipped`);
    } else if (line.type === 'sample' && typeof line.data === 'object' && line.data !== null) {
      run.samples.push(line as unknown as SampleLine);
    } else if (line.type === 'gap') {
      run.gaps.push(line as unknown as GapLine);
    } else {
      problems.push(`${where}: not a sample or gap of a known kind; skipped`);
    }
  }

  for (const [line, where] of readLines(dir, RUN_FILES.events, problems)) {
    if ((EVENT_TYPES as readonly unknown[]).includes(line.type) && typeof line.second === 'number') run.events.push(line as unknown as EventLine);
    else problems.push(`${where}: not a known event; skipped`);
  }

  // Lines written before the engine's start line were placed on a provisional clock; the engine's
  // second 0 is the one clock, so every sample and event is placed on it again from its own `t`.
  const secondZero = run.start?.startUnixMs ?? manifest.startUnixMs;
  if (secondZero !== null) {
    for (const line of [...run.samples, ...run.gaps, ...run.events]) line.second = Math.floor((line.t - secondZero) / 1000);
  }
  dropOutsidePlan(run, -LEAD_IN_SECONDS, lastSecond);
  run.windows.sort((a, b) => a.second - b.second || compareText(a.collection, b.collection));
  run.ticks.sort((a, b) => a.second - b.second);
  run.samples.sort((a, b) => a.t - b.t);
  run.gaps.sort((a, b) => a.t - b.t);
  run.events.sort((a, b) => a.t - b.t);
  return run;
}

/** listed keeps the first LISTED_PROBLEMS problems and counts the rest. */
function listed(problems: string[]): string[] {
  if (problems.length <= LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, LISTED_PROBLEMS), `and ${problems.length - LISTED_PROBLEMS} more damaged lines like these; skipped`];
}

/** dropOutsidePlan drops samples, gaps and events placed outside [from, to] (a clock far off, or a damaged `t`), counting them. */
function dropOutsidePlan(run: RecordedRun, from: number, to: number): void {
  const within = (line: { second: number }): boolean => Number.isFinite(line.second) && line.second >= from && line.second <= to;
  const before = run.samples.length + run.gaps.length + run.events.length;
  run.samples = run.samples.filter(within);
  run.gaps = run.gaps.filter(within);
  run.events = run.events.filter(within);
  const dropped = before - run.samples.length - run.gaps.length - run.events.length;
  if (dropped > 0) run.problems.push(`${dropped} sample, gap or event line${dropped === 1 ? '' : 's'} placed outside seconds ${from} to ${to} of the plan; skipped`);
}

/** readRunManifest reads a run folder's run.json alone, refusing what readRunFolder refuses; an older version is read as the current one. */
export function readRunManifest(dir: string): RunManifest {
  const file = join(dir, RUN_FILES.manifest);
  if (!existsSync(file)) throw new RunFolderError(`${dir} is not a run folder: it has no ${RUN_FILES.manifest}`);
  const manifest = readJsonFile(file);
  const version = (manifest as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number') throw new RunFolderError(`${file} has no schemaVersion: not a vecstress run folder`);
  if (Math.floor(version) > RUN_FOLDER_VERSION) {
    throw new RunFolderError(`${dir} is a version ${version} run folder; this vecstress reads up to version ${RUN_FOLDER_VERSION}: use a newer vecstress`);
  }
  // A version 1 file without a target object cannot be upgraded: the check below names the field.
  const upgradable = Math.floor(version) === 1 && typeof (manifest as { target?: unknown }).target === 'object' && (manifest as { target?: unknown }).target !== null;
  const current = checkedManifest(file, upgradable ? upgradeManifestV1(manifest as RunManifestV1) : manifest);
  return { ...current, plan: withPlanAbort(current.plan) };
}

/**
 * withPlanAbort reads a plan written before the abort rule had roles (it held only errorRate and
 * forSeconds, watched in every stage, with no safety rule) as today's plan.
 */
function withPlanAbort(plan: RunManifest['plan']): RunManifest['plan'] {
  const abort = plan.abort as Partial<RunManifest['plan']['abort']> & { errorRate: number; forSeconds: number };
  if (abort.roles !== undefined) return plan;
  return { ...plan, abort: uniformAbort(abort.errorRate, abort.forSeconds, null) };
}

type RawLine = Record<string, unknown>;

/** readLines yields each JSON object of an NDJSON file with "file:line" for messages. */
function readLines(dir: string, name: string, problems: string[]): Array<[RawLine, string]> {
  const file = join(dir, name);
  if (!existsSync(file)) {
    problems.push(`${name} is missing`);
    return [];
  }
  const kind = notRegularFile(file);
  if (kind) {
    problems.push(`${name} is ${kind}, not a regular file; not read`);
    return [];
  }
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // A file that does not end in a newline was cut off mid-line: its last line is incomplete.
  const truncated = !text.endsWith('\n') && text.length > 0;
  const parsed: Array<[RawLine, string]> = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const where = `${name}:${index + 1}`;
    const value = parseObject(raw);
    if (value !== null) {
      parsed.push([value, where]);
    } else if (truncated && index === lines.length - 1) {
      problems.push(`${where}: the last line is cut off (the run stopped while writing it); skipped`);
    } else {
      problems.push(`${where}: not a JSON object; skipped`);
    }
  });
  return parsed;
}

function parseObject(raw: string): RawLine | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawLine) : null;
  } catch {
    // Not JSON: the caller says which line and why it was skipped.
    return null;
  }
}

function isWindow(line: RawLine): line is RawLine & WindowLine {
  return (
    typeof line.second === 'number' &&
    typeof line.collection === 'string' &&
    typeof line.completed === 'number' &&
    typeof line.ok === 'number' &&
    typeof line.errors === 'object' &&
    line.errors !== null
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
