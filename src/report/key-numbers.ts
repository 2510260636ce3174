import type { Summary } from '../analysis/summary-types.ts';
import { ERROR_CLASSES } from '../runfolder/engine-lines.ts';
import { formatCount, formatDecimal, formatMs, formatPercent, formatRps, formatSeconds, formatTimes, NO_DATA } from './format.ts';
import { breakingPointSentence } from './wording/breaking-point.ts';
import { headroomSentence } from './wording/findings.ts';
import { recoverySentence } from './wording/recovery.ts';

/** NOT_APPLICABLE marks a figure this kind of run does not measure (a baseline has no breaking point). */
export const NOT_APPLICABLE = 'n/a';

/** KeyNumber is one of the few figures that open every report. */
export interface KeyNumber {
  label: string;
  value: string;
  detail: string;
}

/**
 * keyNumbers picks the figures a capacity planner reads first, in the same order in every
 * format: how much the cluster takes, where it breaks and why, how slow and how wrong it gets,
 * how fast it comes back, and how much room is left.
 */
export function keyNumbers(summary: Summary): KeyNumber[] {
  return [capacity(summary), breakingPoint(summary), throughput(summary), percentile(summary, 'p95'), percentile(summary, 'p99'), errorRate(summary), recovery(summary), headroom(summary)];
}

function capacity(summary: Summary): KeyNumber {
  const { breakingPoint: point, capacityModel: model, headroom } = summary;
  const usl = model.fitted && model.peakThroughputRps !== null ? `USL peak ${formatRps(model.peakThroughputRps)} at ${formatDecimal(model.peakConcurrency ?? 0)} in flight` : '';
  if (!point.applicable) return { label: 'Capacity', value: NOT_APPLICABLE, detail: breakingPointSentence(point, summary.steps) };
  if (point.capacityRps === null) return { label: 'Capacity', value: NO_DATA, detail: breakingPointSentence(point, summary.steps) };
  const lastGood = summary.steps.find((step) => step.index === point.lastGoodStepIndex);
  const value = headroom.capacityIsLowerBound ? `≥ ${formatRps(point.capacityRps)}` : formatRps(point.capacityRps);
  const detail = headroom.capacityIsLowerBound
    ? 'no step broke: the cluster took all the load offered'
    : `sustained at ${lastGood ? lastGood.name : 'the last step'}, before the breaking point`;
  return { label: 'Capacity', value, detail: usl ? `${detail}; ${usl}` : detail };
}

function breakingPoint(summary: Summary): KeyNumber {
  const point = summary.breakingPoint;
  if (!point.applicable) return { label: 'Breaking point', value: NOT_APPLICABLE, detail: breakingPointSentence(point, summary.steps) };
  if (!point.found || point.offered === null) return { label: 'Breaking point', value: 'not reached', detail: breakingPointSentence(point, summary.steps) };
  const step = summary.steps.find((s) => s.index === point.stepIndex);
  const signals = point.signals.length > 0 ? point.signals : point.signal ? [point.signal] : [];
  const signal = [signals.length > 0 ? `signal: ${signals.join(' + ')}` : '', point.mode ? `${point.mode === 'graceful' ? 'graceful degradation' : 'collapse'}` : ''].filter(Boolean).join(', ');
  return { label: 'Breaking point', value: `${formatDecimal(point.offered)} ${point.offeredUnit ?? ''}`.trim(), detail: [step?.name, signal].filter(Boolean).join(' · ') };
}

function throughput(summary: Summary): KeyNumber {
  const { totals } = summary;
  const dropped = totals.dropped > 0 ? `, ${formatCount(totals.dropped)} (${formatPercent(totals.droppedShare)}) dropped at the in-flight bound` : '';
  return {
    label: 'Throughput',
    value: formatRps(totals.throughputRps),
    detail: `goodput (ok responses); ${formatCount(totals.completed)} completed (${formatRps(totals.completedRps)})${dropped}`,
  };
}

function percentile(summary: Summary, which: 'p95' | 'p99'): KeyNumber {
  const latency = summary.latencyMs;
  const server = summary.serverTimeMs;
  const failed = `failed ${which} ${formatMs(summary.failedLatencyMs?.[which])}`;
  const detail = which === 'p95' ? `ok responses · p50 ${formatMs(latency?.p50)} · max ${formatMs(latency?.max)} · ${failed}` : `ok responses · ${failed} · Qdrant server time p99 ${formatMs(server?.p99)}`;
  return { label: `${which} latency`, value: formatMs(latency?.[which]), detail };
}

function errorRate(summary: Summary): KeyNumber {
  const { totals, errorsByClass } = summary;
  const classes = ERROR_CLASSES.filter((name) => errorsByClass[name] > 0)
    .sort((a, b) => errorsByClass[b] - errorsByClass[a])
    .map((name) => `${name} ${formatCount(errorsByClass[name])}`);
  const unserved = totals.unservedRate === null ? '' : `; unserved ${formatPercent(totals.unservedRate)} (errors and drops of all arrivals)`;
  const detail = (totals.completed === 0 ? 'no request completed' : classes.length === 0 ? 'no errors' : classes.join(', ')) + unserved;
  return { label: 'Error rate', value: totals.completed === 0 ? NO_DATA : formatPercent(totals.errorRate), detail };
}

function recovery(summary: Summary): KeyNumber {
  const r = summary.recovery;
  const detail = recoverySentence(r, summary.steps);
  if (!r.applicable) return { label: 'Recovery time', value: NOT_APPLICABLE, detail };
  if (!r.measured) return { label: 'Recovery time', value: NO_DATA, detail };
  if (r.seconds === null) return { label: 'Recovery time', value: 'not recovered', detail };
  return { label: 'Recovery time', value: formatSeconds(r.seconds), detail: `p95 ${formatMs(r.baselineP95Ms)} before, ${formatMs(r.worstP95Ms)} at worst` };
}

function headroom(summary: Summary): KeyNumber {
  const h = summary.headroom;
  return { label: 'Headroom', value: h.ratio === null ? (summary.breakingPoint.applicable ? NO_DATA : NOT_APPLICABLE) : formatTimes(h.ratio), detail: headroomSentence(h) };
}
