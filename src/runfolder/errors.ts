import { ExitCode } from '../exit-codes.ts';

/** RunFolderError says why a folder cannot be read at all. */
export class RunFolderError extends Error {
  /** A folder that is not a run folder, or one this vecstress cannot read, is bad input. */
  readonly exitCode = ExitCode.ConfigError;
}
