import type { BreakingPoint, Headroom, StepSummary } from './summary-types.ts';
import { percent, round } from './wording.ts';

/**
 * headroomOf compares the capacity found by the breaking-point search with the throughput target.
 * Only a stepped profile measures capacity: a spike's baseline says nothing about the loads
 * between it and the spike. When no step broke, the best step is a lower bound of the capacity.
 */
export function headroomOf(targetRps: number | null, breaking: BreakingPoint, steps: readonly StepSummary[], searched: ReadonlySet<number>): Headroom {
  const none = { targetRps, capacityRps: null, ratio: null, capacityIsLowerBound: false };
  const stepped = steps.filter((s) => searched.has(s.index) && s.role === 'step').length >= 2;
  if (!breaking.applicable || !stepped) return { ...none, text: 'capacity was not measured: the profile does not step the load up (use progressive or stress)' };
  if (breaking.found && breaking.capacityRps === null) return { ...none, text: 'no capacity: the cluster broke at the first step' };

  const lowerBound = !breaking.found;
  const capacityRps = breaking.capacityRps ?? Math.max(...steps.filter((s) => searched.has(s.index)).map((s) => s.throughputRps));
  const capacity = `${round(capacityRps)} req/s`;
  if (targetRps === null) {
    return { ...none, capacityRps, capacityIsLowerBound: lowerBound, text: `${lowerBound ? 'did not break up to' : 'capacity'} ${capacity}; no throughput target is set in the thresholds` };
  }
  const ratio = capacityRps / targetRps;
  const target = `the ${round(targetRps)} req/s target`;
  const text = lowerBound
    ? `did not break up to ${capacity}: at least ${ratio.toFixed(2)}× ${target}`
    : ratio >= 1
      ? `capacity ${capacity} is ${ratio.toFixed(2)}× ${target}: ${percent(ratio - 1)} headroom`
      : `capacity ${capacity} is ${percent(ratio)} of ${target}: the cluster breaks before the target load`;
  return { targetRps, capacityRps, ratio, capacityIsLowerBound: lowerBound, text };
}
