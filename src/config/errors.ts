import { ExitCode } from '../exit-codes.ts';

/** COMMAND_LINE names the "file" of problems that come from flags rather than a config file. */
export const COMMAND_LINE = 'command line';

/** ConfigProblem is one thing wrong in one config file, located as precisely as we can. */
export interface ConfigProblem {
  file: string;
  /** Field path inside the file, e.g. "stages[1].duration"; empty for the whole file. */
  path: string;
  message: string;
  line?: number;
}

/**
 * ConfigError carries every problem found, not only the first (k6's Validate() []error):
 * a user fixing a file should see all of its mistakes in one go.
 */
export class ConfigError extends Error {
  readonly exitCode = ExitCode.ConfigError;

  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }

  static single(file: string, path: string, message: string, line?: number): ConfigError {
    return new ConfigError([{ file, path, message, ...(line === undefined ? {} : { line }) }]);
  }
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

const PLAIN_KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** formatPath turns ["stages", 1, "duration"] into "stages[1].duration". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    // A key that could be mistaken for path syntax (".", "a/b", "") is quoted.
    if (!PLAIN_KEY.test(String(key))) return `${text}[${JSON.stringify(String(key))}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/**
 * collectProblems runs a loader and, when it throws a ConfigError, adds its problems to the list
 * and returns undefined, so validation can go on and report every problem at once.
 */
export function collectProblems<T>(problems: ConfigProblem[], load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}
