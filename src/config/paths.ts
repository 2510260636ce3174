import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** PROJECT_ROOT is the folder holding package.json, wherever the command is run from. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_PROFILES_DIR = join(PROJECT_ROOT, 'profiles');
export const DEFAULT_MIX_FILE = join(PROJECT_ROOT, 'datasets', 'collections.yaml');
export const DEFAULT_THRESHOLDS_FILE = join(PROJECT_ROOT, 'thresholds.yaml');
export const DEFAULT_REPORTS_DIR = join(PROJECT_ROOT, 'reports');
export const DEFAULT_DATASETS_DIR = join(PROJECT_ROOT, 'datasets', 'generated');
export const ENGINE_BINARY = join(PROJECT_ROOT, '.bin', 'vecstress-engine');

/** displayPath shows project files relative to the project, others as given, in messages. */
export function displayPath(file: string): string {
  const inside = relative(PROJECT_ROOT, resolve(file));
  return inside.startsWith('..') ? file : inside;
}
