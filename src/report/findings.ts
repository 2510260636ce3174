import type { Summary } from '../analysis/summary-types.ts';
import { formatMs, formatSeconds } from './format.ts';
import { breakingPointSentence } from './wording/breaking-point.ts';
import { capacityModelSentence, fairnessSentence, generatorSentence, integritySentence, recallSentence } from './wording/findings.ts';
import { abortSentence } from './wording/abort.ts';
import { recoverySentence } from './wording/recovery.ts';

/**
 * findings lists the analysis's conclusions as sentences: the breaking point and how the cluster
 * degraded, the recovery, the capacity model, the balancer's fairness, where latency is spent,
 * recall under load, data integrity, the generator's health and what the abort rule watched. What this kind of run does not
 * measure is left out rather than padded.
 */
export function findings(summary: Summary): string[] {
  const lines: string[] = [];
  const { breakingPoint, recovery, capacityModel: model, fairness, queueing, recall, integrity } = summary;
  if (breakingPoint.applicable) lines.push(`Breaking point: ${breakingPointSentence(breakingPoint, summary.steps)}`);
  if (recovery.applicable) {
    const node = recovery.nodeBackInRotationSeconds == null ? '' : `; a killed node was back in rotation after ${formatSeconds(recovery.nodeBackInRotationSeconds)}`;
    lines.push(`Recovery: ${recoverySentence(recovery, summary.steps)}${node}`);
  }
  if (model.points.length > 0) lines.push(`Capacity model (USL): ${model.fitted ? '' : 'not fitted: '}${capacityModelSentence(model)}`);
  if (fairness.measured) lines.push(`Balancer fairness: ${fairnessSentence(fairness)}`);
  if (queueing.overheadP50Ms !== null) {
    lines.push(`Where the time goes: at the median, ${formatMs(queueing.serverP50Ms)} inside Qdrant and ${formatMs(queueing.overheadP50Ms)} in queues, the balancer and the network (client p50 ${formatMs(queueing.clientP50Ms)}).`);
  }
  if (recall.measured) lines.push(`Recall under load: ${recallSentence(recall)}`);
  if (integrity.checked) lines.push(`Data integrity: ${integrity.ok ? 'intact' : 'CHANGED'}: ${integritySentence(integrity)}`);
  lines.push(`Load generator: ${generatorSentence(summary.generator)}`);
  if (summary.abortRule) lines.push(`Abort rule: ${abortSentence(summary.abortRule)}`);
  return lines;
}
