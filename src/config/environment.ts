import type { Environment } from '../context.ts';
import { defaultLabStateDir } from './paths.ts';

/**
 * StressEnvironment is what a run reads from the environment: the middle layer of the stress
 * config, over the files and under the flags. Below the config stage, nothing reads the
 * environment for a run.
 */
export interface StressEnvironment {
  /** VECSTRESS_API_KEY: the Qdrant API key, kept out of shell history and process lists. */
  apiKey?: string;
  /** VECSTRESS_LAB_DIR: the lab's state folder (default .lab/). */
  labStateDir: string;
  /** QDRANT_BIN: a real Qdrant binary for the lab's nodes (default: the stand-in). */
  qdrantBin?: string;
}

export function stressEnvironmentOf(env: Environment): StressEnvironment {
  // An empty variable counts as unset, as a shell's `VAR= cmd` means.
  return { labStateDir: defaultLabStateDir(env), apiKey: env.VECSTRESS_API_KEY || undefined, qdrantBin: env.QDRANT_BIN || undefined };
}
