import type { Plan } from '../plan/types.ts';
import { toLatencySummary } from './latency.ts';
import { plannedArrivals } from './steps.ts';
import type { LatencySummary } from './summary-types.ts';
import { droppedShareOf, errorRateOf, type WindowFigures } from './window-figures.ts';

/** SecondPoint is one second of the run as the breaking-point and recovery rules read it. */
export interface SecondPoint {
  /** Open model: the arrivals the plan scheduled this second; closed model: null. */
  offeredRps: number | null;
  completed: number;
  /** Ok responses: the second's goodput. */
  ok: number;
  errorRate: number | null;
  /** dropped / scheduled: a second that dropped arrivals did not serve them, whatever its latency. */
  droppedShare: number | null;
  /** Latency of the ok responses. */
  latency: LatencySummary | null;
}

/** secondPoints reads each second's figures into a SecondPoint. */
export function secondPoints(plan: Plan, seconds: ReadonlyMap<number, WindowFigures>): Map<number, SecondPoint> {
  return new Map(
    [...seconds].map(([second, figures]) => [
      second,
      {
        offeredRps: plan.model === 'open' ? plannedArrivals(plan, [second]) : null,
        completed: figures.completed,
        ok: figures.ok,
        errorRate: errorRateOf(figures),
        droppedShare: droppedShareOf(figures),
        latency: toLatencySummary(figures.okLatency),
      },
    ]),
  );
}
