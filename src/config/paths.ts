import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** PROJECT_ROOT is the folder holding package.json, wherever the command is run from. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_PROFILES_DIR = join(PROJECT_ROOT, 'profiles');
/** The collection mix sits beside thresholds.yaml, with the other config. */
export const DEFAULT_MIX_FILE = join(PROJECT_ROOT, 'mix.yaml');
/** Where the mix file lived before it moved beside the other config; still accepted by --mix, with a notice. */
export const LEGACY_MIX_FILE = join(PROJECT_ROOT, 'datasets', 'collections.yaml');
export const DEFAULT_THRESHOLDS_FILE = join(PROJECT_ROOT, 'thresholds.yaml');
export const DEFAULT_REPORTS_DIR = join(PROJECT_ROOT, 'reports');
export const DEFAULT_DATASETS_DIR = join(PROJECT_ROOT, 'datasets', 'generated');
export const ENGINE_BINARY = join(PROJECT_ROOT, '.bin', 'vecstress-engine');

/** defaultLabStateDir is where `lab up`, `lab down` and `stress --target lab` meet, from any shell: $VECSTRESS_LAB_DIR, else .lab/. */
export function defaultLabStateDir(env: Record<string, string | undefined> = process.env): string {
  return env.VECSTRESS_LAB_DIR ?? join(PROJECT_ROOT, '.lab');
}

/** displayPath shows project files relative to the project, others as given, in messages. */
export function displayPath(file: string): string {
  const inside = relative(PROJECT_ROOT, resolve(file));
  return inside.startsWith('..') ? file : inside;
}
