import type { BreakingPoint, Headroom, StepSummary } from './summary-types.ts';

/**
 * headroomOf compares the capacity found by the breaking-point search with the throughput target.
 * Only a stepped profile measures capacity: a spike's baseline says nothing about the loads
 * between it and the spike. When no step broke, the best step is a lower bound of the capacity.
 */
export function headroomOf(targetRps: number | null, breaking: BreakingPoint, steps: readonly StepSummary[], searched: ReadonlySet<number>): Headroom {
  const none = { targetRps, capacityRps: null, ratio: null, capacityIsLowerBound: false };
  const stepped = steps.filter((s) => searched.has(s.index) && s.role === 'step').length >= 2;
  if (!breaking.applicable || !stepped) return { ...none, code: 'not-stepped' };
  if (breaking.found && breaking.capacityRps === null) return { ...none, code: 'broke-at-first-step' };

  const lowerBound = !breaking.found;
  const capacityRps = breaking.capacityRps ?? Math.max(...steps.filter((s) => searched.has(s.index)).map((s) => s.throughputRps));
  if (targetRps === null) return { ...none, code: 'no-target', capacityRps, capacityIsLowerBound: lowerBound };
  const ratio = capacityRps / targetRps;
  const code = lowerBound ? 'lower-bound' : ratio >= 1 ? 'above-target' : 'below-target';
  return { code, targetRps, capacityRps, ratio, capacityIsLowerBound: lowerBound };
}
