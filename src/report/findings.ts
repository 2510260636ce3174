import type { Summary } from '../analysis/summary-types.ts';
import { formatDecimal, formatMs } from './format.ts';

/**
 * findings lists the analysis's conclusions as sentences, in its own words: the breaking point and
 * how the cluster degraded, the recovery, the capacity model, the balancer's fairness, where
 * latency is spent, recall under load, data integrity and the generator's health. What this kind
 * of run does not measure is left out rather than padded.
 */
export function findings(summary: Summary): string[] {
  const lines: string[] = [];
  const { breakingPoint, recovery, capacityModel: model, fairness, queueing, recall, integrity } = summary;
  if (breakingPoint.applicable) lines.push(`Breaking point: ${breakingPoint.detail}`);
  if (recovery.applicable) {
    const node = recovery.nodeBackInRotationSeconds == null ? '' : `; a killed node was back in rotation after ${formatDecimal(recovery.nodeBackInRotationSeconds)} s`;
    lines.push(`Recovery: ${recovery.detail}${node}`);
  }
  if (model.points.length > 0) lines.push(`Capacity model (USL): ${model.fitted ? '' : 'not fitted: '}${model.detail}`);
  if (fairness.measured) lines.push(`Balancer fairness: ${fairness.detail}`);
  if (queueing.overheadP50Ms !== null) {
    lines.push(`Where the time goes: at the median, ${formatMs(queueing.serverP50Ms)} inside Qdrant and ${formatMs(queueing.overheadP50Ms)} in queues, the balancer and the network (client p50 ${formatMs(queueing.clientP50Ms)}).`);
  }
  if (recall.measured) lines.push(`Recall under load: ${recall.detail}`);
  if (integrity.checked) lines.push(`Data integrity: ${integrity.ok ? 'intact' : 'CHANGED'}: ${integrity.detail}`);
  if (summary.generator.detail) lines.push(`Load generator: ${summary.generator.detail}`);
  return lines;
}
