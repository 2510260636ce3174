import type { AbortWatch } from '../../analysis/summary-types.ts';
import { formatPercent, formatSeconds } from '../format.ts';

/**
 * abortSentence says what the abort rule watched, role by role, and whether it stopped the run:
 * a reader of a completed overload run learns that its failures were planned, not unwatched.
 */
export function abortSentence(watch: AbortWatch): string {
  const watched = watch.roles.map((r) => {
    if (r.errorRate === null || r.forSeconds === null) return `${r.role}: planned failures, only the safety rule`;
    const after = r.afterSeconds > 0 ? ` from ${formatSeconds(r.afterSeconds)} into the stage` : '';
    return `${r.role}: error rate above ${formatPercent(r.errorRate)} for ${formatSeconds(r.forSeconds)}${after}`;
  });
  const safety = watch.safetyForSeconds === null ? 'no safety rule (an older run)' : `safety rule: no request answered ok for ${formatSeconds(watch.safetyForSeconds)}, in every stage`;
  const fired = watch.fired === null ? 'it did not fire' : `the ${watch.fired.rule === 'safety' ? 'safety' : 'error-rate'} rule stopped the run at second ${watch.fired.second}, in stage ${watch.fired.stage} (${watch.fired.stageName})`;
  return `${watched.join('; ')}; ${safety}. ${fired[0]!.toUpperCase()}${fired.slice(1)}.`;
}
