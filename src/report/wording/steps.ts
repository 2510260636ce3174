import type { StepSummary } from '../../analysis/summary-types.ts';
import { formatDecimal, formatRps } from '../format.ts';

/** stepName names a step by its index in the summary ("step 4"), or by the index when the step is unknown. */
export function stepName(steps: readonly StepSummary[], index: number | null): string {
  if (index === null) return 'no step';
  return steps.find((step) => step.index === index)?.name ?? `stage ${index}`;
}

/** offeredText writes the load a step offered: "650 req/s offered" or "60 virtual users". */
export function offeredText(steps: readonly StepSummary[], index: number | null): string {
  const step = steps.find((s) => s.index === index);
  if (!step) return 'an unknown load';
  return step.offeredUnit === 'vus' ? `${formatDecimal(step.offered)} virtual users` : `${formatRps(step.offered)} offered`;
}
