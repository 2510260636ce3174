/**
 * ExitCode is the one table of process exit codes, documented in the README and in --help.
 * CI gates depend on these numbers: change them only with a major version.
 */
export const ExitCode = {
  Passed: 0,
  ThresholdsFailed: 1,
  /** Usage or config error: nothing was sent. */
  ConfigError: 2,
  /** The run failed (engine crash, target down): a partial report was written. */
  RunError: 3,
  /** The run finished but cannot be trusted (generator saturated, data missing): no verdict. */
  Inconclusive: 4,
  /** Interrupted by SIGINT/SIGTERM: a partial report was written. */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = `Exit codes:
  0    passed: every threshold held
  1    thresholds failed, or --baseline found a regression
  2    usage or config error: nothing was sent
  3    run error (target down, engine missing or crashed): a partial report was written if the run had started
  4    inconclusive: the generator saturated, the run was incomplete or required data is missing; no verdict
  130  interrupted (Ctrl-C / SIGTERM): a partial report was written`;

/** exitCodeOfVerdict is the exit code a judged run ends with: CI gates read it. */
export function exitCodeOfVerdict(verdict: 'pass' | 'fail' | 'inconclusive'): ExitCodeValue {
  return verdict === 'pass' ? ExitCode.Passed : verdict === 'fail' ? ExitCode.ThresholdsFailed : ExitCode.Inconclusive;
}

/** exitCodeOfComparison is the exit code of a comparison with a baseline: a figure without data on one side decides nothing. */
export function exitCodeOfComparison(outcome: 'no-regression' | 'regression' | 'inconclusive'): ExitCodeValue {
  return outcome === 'no-regression' ? ExitCode.Passed : outcome === 'regression' ? ExitCode.ThresholdsFailed : ExitCode.Inconclusive;
}
