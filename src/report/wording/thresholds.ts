import type { Summary, ThresholdMetric, ThresholdReason, ThresholdResult } from '../../analysis/summary-types.ts';
import { formatDecimal, formatQuantity } from '../format.ts';
import { recoverySentence } from './recovery.ts';

const METRIC_NAMES: Record<ThresholdMetric, string> = {
  'latency.p50': 'p50 latency',
  'latency.p90': 'p90 latency',
  'latency.p95': 'p95 latency',
  'latency.p99': 'p99 latency',
  'latency.max': 'max latency',
  errorRate: 'error rate',
  unserved: 'unserved rate',
  throughput: 'throughput',
  connections: 'connections held',
  cpu: 'node CPU',
  memory: 'node memory',
  recoverySeconds: 'recovery time',
};

const REASONS: Record<Exclude<ThresholdReason, 'recovery'>, string> = {
  'ok-latency-not-split': 'the engine (protocol 1) recorded one latency for ok and failed requests, and some failed: the latency of the ok ones is not known',
  'no-latency': 'no latency was recorded',
  'no-requests': 'no request was sent',
  'no-cpu-samples': 'no CPU samples from the nodes (target-process or prometheus-node)',
  'no-memory-samples': 'no memory-used samples from the target hosts (prometheus-node or target-process)',
  'best-step-ok-rps': 'ok responses per second at the best step’s steady state',
  'most-connections-held': 'the most connections the engine held open at once',
  'busiest-node-mean': 'the busiest node’s mean over the busiest step',
};

/** thresholdName is a threshold's name as reports and JUnit case names write it: "p95 latency". */
export function thresholdName(threshold: Pick<ThresholdResult, 'metric'>): string {
  return METRIC_NAMES[threshold.metric];
}

/** thresholdLimit writes a limit with its direction: "≤ 20 ms", "≥ 800 req/s". */
export function thresholdLimit(threshold: ThresholdResult): string {
  return `${threshold.comparison === 'at-most' ? '≤' : '≥'} ${formatQuantity(threshold.limit, threshold.unit)}`;
}

/**
 * thresholdSentence states a threshold's outcome, the one sentence every report prints for it:
 * "error rate (global): 1.42 % over the 1 % limit", "node CPU (global): no data: …".
 */
export function thresholdSentence(threshold: ThresholdResult, summary: Summary): string {
  const subject = `${thresholdName(threshold)} (${threshold.scope}${threshold.advisory ? ', advisory' : ''})`;
  const limit = formatQuantity(threshold.limit, threshold.unit);
  if (threshold.status === 'no-data') {
    const note = thresholdNote(threshold, summary);
    return `${subject}: no data${note ? `: ${note}` : ''}`;
  }
  if (threshold.value === null) return `${subject}: not met (limit ${thresholdLimit(threshold)})`;
  const value = formatQuantity(threshold.value, threshold.unit);
  if (threshold.status === 'pass') return `${subject}: ${value}, within the ${limit} limit`;
  return `${subject}: ${value} ${threshold.comparison === 'at-most' ? 'over' : 'under'} the ${limit} limit`;
}

/** thresholdNote says how a threshold's figure was measured, or why it has none ('' when there is nothing to add). */
export function thresholdNote(threshold: ThresholdResult, summary: Summary): string {
  const notes: string[] = [];
  if (threshold.reason !== undefined) notes.push(threshold.reason === 'recovery' ? recoverySentence(summary.recovery, summary.steps) : REASONS[threshold.reason]);
  if (threshold.loadScale !== undefined) {
    const fullForm = formatQuantity(threshold.limit / threshold.loadScale, threshold.unit);
    notes.push(`the limit is the full form’s ${fullForm} × load scale ${formatDecimal(threshold.loadScale)}`);
  }
  if (threshold.advisory === 'closed-model') notes.push(ADVISORY_NOTE);
  return notes.join('; ');
}

/** ADVISORY_NOTE says why a closed-model run's latency limits do not decide its verdict. */
const ADVISORY_NOTE = 'advisory: a closed model sends less to a slow target, so its latency does not decide the verdict (use an open-model profile to gate on latency)';
