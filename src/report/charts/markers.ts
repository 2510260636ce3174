import type { Summary } from '../../analysis/summary-types.ts';
import type { PlanStage } from '../../plan/types.ts';

/** Marker is one moment worth a vertical line on every time chart. */
export interface Marker {
  second: number;
  label: string;
  color: string;
}

/** MARKER_COLORS: red where it broke, orange where the overload ended, green where it came back. */
export const MARKER_COLORS = {
  breakingPoint: '#c0392b',
  overloadEnd: '#e67e22',
  recovered: '#27ae60',
  nodeDown: '#8e44ad',
  nodeBack: '#2980b9',
} as const;

/**
 * runMarkers lists the moments the analysis found: the breaking point, the end of the overload and
 * the recovery, and every failover. They are drawn on all time charts, so the reader sees what the
 * target's telemetry did at the moment the load broke it.
 */
export function runMarkers(summary: Summary): Marker[] {
  const markers: Marker[] = [];
  const { breakingPoint, recovery, fairness } = summary;
  const breakingStep = summary.steps.find((step) => step.index === breakingPoint.stepIndex);
  if (breakingPoint.found && breakingStep) {
    markers.push({ second: breakingStep.startSecond, label: `breaking point${breakingPoint.signal ? ` (${breakingPoint.signal})` : ''}`, color: MARKER_COLORS.breakingPoint });
  }
  if (recovery.overloadEndSecond !== null) markers.push({ second: recovery.overloadEndSecond, label: 'overload ends', color: MARKER_COLORS.overloadEnd });
  if (recovery.recoveredAtSecond !== null) {
    markers.push({ second: recovery.recoveredAtSecond, label: `recovered${recovery.seconds === null ? '' : ` (${recovery.seconds} s)`}`, color: MARKER_COLORS.recovered });
  }
  for (const failover of fairness.failovers) {
    markers.push({ second: failover.downSecond, label: `${failover.node} down`, color: MARKER_COLORS.nodeDown });
    if (failover.upSecond !== null) markers.push({ second: failover.upSecond, label: `${failover.node} back`, color: MARKER_COLORS.nodeBack });
  }
  return markers.sort((a, b) => a.second - b.second);
}

/** StageBand is a stage as a shaded span of the time axis. */
export interface StageBand {
  name: string;
  role: string;
  start: number;
  end: number;
  color: string;
  opacity: number;
}

const ROLE_COLORS: Record<string, string> = {
  warmup: '#9e9e9e',
  cooldown: '#9e9e9e',
  baseline: '#27ae60',
  load: '#2980b9',
  step: '#2980b9',
  overload: '#c0392b',
  recovery: '#f1c40f',
};

/** stageBands shades every stage by its role; consecutive steps alternate so their edges show. */
export function stageBands(stages: readonly PlanStage[]): StageBand[] {
  return stages.map((stage, i) => ({
    name: stage.name,
    role: stage.role,
    start: stage.startSecond,
    end: stage.startSecond + stage.durationSeconds,
    color: ROLE_COLORS[stage.role] ?? '#9e9e9e',
    opacity: stage.role === 'step' ? (i % 2 === 0 ? 0.04 : 0.11) : 0.1,
  }));
}
