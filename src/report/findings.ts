import type { Summary } from '../analysis/summary-types.ts';
import { formatCount, formatDecimal, formatMs, formatRatio } from './format.ts';

/**
 * findings puts the analysis's conclusions into sentences, each with the figures behind it: the
 * breaking point and how the cluster degraded, the recovery, the capacity model, the balancer's
 * fairness, where latency is spent, recall under load and data integrity. What this kind of run
 * does not measure is left out rather than padded.
 */
export function findings(summary: Summary): string[] {
  const lines: string[] = [];
  const { breakingPoint, recovery, capacityModel: model, fairness, queueing, recall, integrity, headroom } = summary;
  if (breakingPoint.applicable) lines.push(`Breaking point: ${breakingPoint.detail}`);
  if (recovery.applicable) {
    const node = recovery.nodeBackInRotationSeconds == null ? '' : ` A killed node was back in rotation after ${formatDecimal(recovery.nodeBackInRotationSeconds)} s.`;
    lines.push(`Recovery: ${recovery.detail}${node}`);
  }
  if (model.fitted && model.sigma !== null && model.kappa !== null && model.lambda !== null) {
    const fit = `σ = ${Number(model.sigma.toPrecision(3))} (contention), κ = ${Number(model.kappa.toPrecision(3))} (coherency), λ = ${formatDecimal(model.lambda)} req/s per request in flight${model.rSquared === null ? '' : `, R² = ${model.rSquared.toFixed(3)}`}`;
    lines.push(`Capacity model (USL): ${fit}. ${model.detail}`);
  } else if (model.points.length > 0) {
    lines.push(`Capacity model (USL): not fitted. ${model.detail}`);
  }
  if (headroom.ratio !== null || breakingPoint.applicable) lines.push(`Headroom: ${headroom.text}`);
  if (fairness.measured) {
    const spread = [
      fairness.coefficientOfVariation === null ? '' : `coefficient of variation ${formatDecimal(fairness.coefficientOfVariation)}`,
      fairness.maxMinRatio === null ? '' : `max/min ${formatDecimal(fairness.maxMinRatio)}`,
      fairness.lostDuringFailover === null ? '' : `${fairness.lostDuringFailover} requests failed during failovers`,
    ].filter(Boolean);
    lines.push(`Balancer fairness: ${fairness.detail}${spread.length > 0 ? ` (${spread.join(', ')})` : ''}.`);
  }
  if (queueing.overheadP50Ms !== null) {
    lines.push(`Where the time goes: at the median, ${formatMs(queueing.serverP50Ms)} inside Qdrant and ${formatMs(queueing.overheadP50Ms)} in queues, the balancer and the network (client p50 ${formatMs(queueing.clientP50Ms)}).`);
  }
  if (recall.measured) lines.push(`Recall under load: ${recall.k === null ? 'recall' : `recall@${recall.k}`} ${formatRatio(recall.overall)} over ${formatCount(recall.checked)} checked responses. ${recall.detail}`);
  if (integrity.checked) lines.push(`Data integrity: ${integrity.ok ? 'intact' : 'CHANGED'}: ${integrity.detail}`);
  if (summary.generator.detail) lines.push(`Load generator: ${summary.generator.detail}`);
  return lines;
}
