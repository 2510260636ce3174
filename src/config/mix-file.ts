import { existsSync } from 'node:fs';
import { normalize, resolve } from 'node:path';
import { DEFAULT_MIX_FILE, displayPath, LEGACY_MIX_FILE } from './paths.ts';

/** MixFile is the mix file a run reads, with a one-line notice when --mix named its old place. */
export interface MixFile {
  file: string;
  notice?: string;
}

/**
 * mixFileOf resolves --mix. The mix file moved from datasets/collections.yaml to mix.yaml, beside
 * thresholds.yaml; scripts written before still pass the old path. When that file is gone, the
 * new one is read; when the user still keeps their own file there, it is read, with a word to
 * move it.
 */
export function mixFileOf(given: string): MixFile {
  if (!isLegacyMixPath(given)) return { file: given };
  if (!existsSync(given)) {
    return { file: DEFAULT_MIX_FILE, notice: `the mix file moved to ${displayPath(DEFAULT_MIX_FILE)}; reading it instead of ${given}` };
  }
  return { file: given, notice: `reading the mix from ${given}; move it to ${displayPath(DEFAULT_MIX_FILE)}, where vecstress now looks for it` };
}

function isLegacyMixPath(given: string): boolean {
  return resolve(given) === LEGACY_MIX_FILE || normalize(given) === normalize('datasets/collections.yaml');
}
