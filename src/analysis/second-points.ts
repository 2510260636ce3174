import type { Plan } from '../plan/types.ts';
import { toLatencySummary } from './latency.ts';
import { plannedArrivals } from './steps.ts';
import type { LatencySummary } from './summary-types.ts';
import { errorRateOf, type WindowFigures } from './window-figures.ts';

/** SecondPoint is one second of the run as the breaking-point and recovery rules read it. */
export interface SecondPoint {
  /** Open model: the arrivals the plan scheduled this second; closed model: null. */
  offeredRps: number | null;
  completed: number;
  errorRate: number | null;
  /** Arrivals dropped at the in-flight bound over arrivals scheduled; null: none scheduled. */
  droppedShare: number | null;
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
        errorRate: errorRateOf(figures),
        droppedShare: figures.scheduled > 0 ? figures.dropped / figures.scheduled : null,
        latency: toLatencySummary(figures.latency),
      },
    ]),
  );
}
