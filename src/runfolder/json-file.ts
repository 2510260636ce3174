import { readFileSync } from 'node:fs';
import { notRegularFile } from '../regular-file.ts';
import { RunFolderError } from './errors.ts';

/** readJsonFile reads one JSON file of a run folder, refusing one that is not a regular file or not JSON, naming it. */
export function readJsonFile(file: string): unknown {
  const kind = notRegularFile(file);
  if (kind) throw new RunFolderError(`${file} is ${kind}, not a regular file`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RunFolderError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
