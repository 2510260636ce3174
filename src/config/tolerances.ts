/** Tolerances say how far a figure may move the wrong way before it counts as a regression. */
export interface Tolerances {
  /** Largest relative rise of a latency percentile (p50, p95, p99, per-collection p95): 0.1 is +10 %. */
  latencyIncrease: number;
  /** Largest relative fall of throughput and capacity: 0.05 is −5 %. */
  throughputDecrease: number;
  /** Largest rise of the error rate, as a ratio: 0.005 is +0.5 percentage points. */
  errorRateIncrease: number;
  /** Largest rise of the recovery time, in seconds. */
  recoveryIncreaseSeconds: number;
}

export const DEFAULT_TOLERANCES: Tolerances = { latencyIncrease: 0.1, throughputDecrease: 0.05, errorRateIncrease: 0.005, recoveryIncreaseSeconds: 10 };

/** ToleranceFlags are the tolerance flags of compare and stress --baseline: ratios and seconds. */
export interface ToleranceFlags {
  latencyTolerance: number;
  throughputTolerance: number;
  errorRateTolerance: number;
  recoveryTolerance: number;
}

export function tolerancesOf(flags: ToleranceFlags): Tolerances {
  return {
    latencyIncrease: flags.latencyTolerance,
    throughputDecrease: flags.throughputTolerance,
    errorRateIncrease: flags.errorRateTolerance,
    recoveryIncreaseSeconds: flags.recoveryTolerance,
  };
}
