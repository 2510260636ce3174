import type { LoadModel } from '../plan/types.ts';
import type { ThresholdResult } from './summary-types.ts';

/**
 * markAdvisory marks what the run's model cannot judge. A closed model waits for each answer
 * before sending the next, so a slow target is sent less and its latency understates what users
 * would see (coordinated omission): its latency limits are evaluated and shown, but advisory, as
 * k6 users expect latency verdicts from arrival-rate executors only.
 */
export function markAdvisory(model: LoadModel, thresholds: readonly ThresholdResult[]): ThresholdResult[] {
  if (model !== 'closed') return [...thresholds];
  return thresholds.map((t) => (t.metric.startsWith('latency.') ? { ...t, advisory: 'closed-model' } : t));
}

/** decidesVerdict tells whether a threshold's outcome counts for the verdict (advisory ones do not). */
export function decidesVerdict(threshold: ThresholdResult): boolean {
  return threshold.advisory === undefined;
}
