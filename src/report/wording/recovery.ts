import type { Recovery, RecoveryCode, StepSummary } from '../../analysis/summary-types.ts';
import { formatMs, formatPercent, formatSeconds } from '../format.ts';
import { stepName } from './steps.ts';

const UNMEASURED: Record<Exclude<RecoveryCode, 'recovered' | 'not-recovered' | 'too-short'>, string> = {
  'no-overload': 'the profile has no overload followed by more load: no recovery to time',
  'no-baseline': 'no latency was recorded before the overload: no baseline to come back to',
  'stopped-before-overload-end': 'the run stopped before the overload ended',
};

/** recoverySentence says how the cluster came back from the overload, with the rule it was held to. */
export function recoverySentence(recovery: Recovery, steps: readonly StepSummary[]): string {
  const hold = formatSeconds(recovery.holdSeconds);
  if (recovery.code === 'too-short') return `only ${formatSeconds(recovery.watchedSeconds)} were recorded after the overload, less than the ${hold} hold: too short to judge`;
  if (recovery.code !== 'recovered' && recovery.code !== 'not-recovered') return UNMEASURED[recovery.code];
  const back = `p95 under ${formatMs(recovery.p95LimitMs)}, errors under ${formatPercent(recovery.errorRateLimit)} and drops under ${formatPercent(recovery.droppedShareLimit)}`;
  const baseline = `baseline p95 ${formatMs(recovery.baselineP95Ms)} and ${formatPercent(recovery.baselineErrorRate)} errors (${stepName(steps, recovery.baselineStepIndex)}); worst p95 ${formatMs(recovery.worstP95Ms)} and ${formatPercent(recovery.worstErrorRate)} errors`;
  if (recovery.code === 'not-recovered') {
    return `not recovered within the run: ${back} did not hold for ${hold} (${outliers(recovery)}) in the ${formatSeconds(recovery.watchedSeconds)} after the overload; ${baseline}`;
  }
  return `recovered ${formatSeconds(recovery.seconds)} after the overload ended: ${back} from second ${recovery.recoveredAtSecond} for ${hold} (${outliers(recovery)}); ${baseline}`;
}


function outliers(recovery: Recovery): string {
  return `at most ${recovery.outlierSeconds} lone second over the latency or error limit allowed`;
}
