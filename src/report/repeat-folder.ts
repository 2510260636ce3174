import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPEAT_FILES, REPEAT_SCHEMA_VERSION, type RepeatSummary } from '../analysis/repeat.ts';
import { readJsonFile } from '../runfolder/json-file.ts';
import { RunFolderError } from '../runfolder/read.ts';
import { sideOfRepeat, type ComparedSide } from './compare.ts';
import { summaryOf } from './from-run-folder.ts';

/** isRepeatFolder tells a repeat folder (`stress --repeat`: repeat.json and one folder per run) from a run folder. */
export function isRepeatFolder(dir: string): boolean {
  return existsSync(join(dir, REPEAT_FILES.summary));
}

/** readRepeat reads a repeat folder's repeat.json, refusing a newer version than this vecstress writes. */
export function readRepeat(dir: string): RepeatSummary {
  const file = join(dir, REPEAT_FILES.summary);
  const repeat = readJsonFile(file) as RepeatSummary;
  if (repeat.schemaVersion !== REPEAT_SCHEMA_VERSION) throw new RunFolderError(`${file} is repeat version ${String(repeat.schemaVersion)}; this vecstress reads version ${REPEAT_SCHEMA_VERSION}`);
  return repeat;
}

/**
 * comparedSideOf is a folder as one side of a comparison: a run folder's run, or a repeat
 * folder's runs, each analysed again from its raw files (summaryOf).
 */
export function comparedSideOf(dir: string): ComparedSide | ReturnType<typeof summaryOf> {
  if (!isRepeatFolder(dir)) return summaryOf(dir);
  const repeat = readRepeat(dir);
  return sideOfRepeat(repeat, repeat.runs.map((run) => summaryOf(join(dir, run.runId))));
}
