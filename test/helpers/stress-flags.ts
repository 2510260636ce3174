import { DEFAULT_MIX_FILE, DEFAULT_THRESHOLDS_FILE } from '../../src/config/paths.ts';
import type { StressFlags } from '../../src/config/stress.ts';
import { DEFAULT_TOLERANCES } from '../../src/config/tolerances.ts';

/** STRESS_FLAGS are the flags of `stress --profile spike` with every default the CLI fills in. */
export const STRESS_FLAGS: StressFlags = {
  profile: 'spike',
  engine: 'vecstress',
  mix: DEFAULT_MIX_FILE,
  thresholds: DEFAULT_THRESHOLDS_FILE,
  out: 'reports',
  seed: 1,
  api: 'query',
  latencyTolerance: DEFAULT_TOLERANCES.latencyIncrease,
  throughputTolerance: DEFAULT_TOLERANCES.throughputDecrease,
  errorRateTolerance: DEFAULT_TOLERANCES.errorRateIncrease,
  recoveryTolerance: DEFAULT_TOLERANCES.recoveryIncreaseSeconds,
};
