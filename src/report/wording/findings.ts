import type { CapacityModel, Fairness, GeneratorHealth, Headroom, Summary } from '../../analysis/summary-types.ts';
import { formatCoefficient, formatCount, formatDecimal, formatPercent, formatRps, formatSeconds, formatTimes } from '../format.ts';

// Sentences for the analysis's findings beside the breaking point and the recovery: the capacity
// model, headroom, the balancer's fairness, recall, data integrity and the load generator.

/** capacityModelSentence gives the USL fit and its peak, or why there is none. */
export function capacityModelSentence(model: CapacityModel): string {
  if (model.code === 'too-few-points') return `the model needs at least ${model.minPoints} steps with traffic; the run has ${model.points.length}`;
  if (model.code === 'not-converged' || model.sigma === null || model.kappa === null || model.lambda === null) return 'the fit did not converge';
  const fit = `σ ${formatCoefficient(model.sigma)} (contention), κ ${formatCoefficient(model.kappa)} (coherency), λ ${formatCoefficient(model.lambda)} req/s per unit of concurrency, R² ${model.rSquared === null ? 'n/a' : formatDecimal(model.rSquared)} over ${model.points.length} steps`;
  const peak =
    model.peakConcurrency === null
      ? 'no peak: throughput levels off without falling (κ = 0)'
      : `throughput peaks at ${formatRps(model.peakThroughputRps)} with ${formatCount(model.peakConcurrency)} requests in flight, and falls beyond`;
  return `${fit}; ${peak}`;
}

/** headroomSentence compares the capacity found with the throughput target. */
export function headroomSentence(headroom: Headroom): string {
  const capacity = formatRps(headroom.capacityRps);
  const target = `the ${formatRps(headroom.targetRps)} target`;
  switch (headroom.code) {
    case 'not-stepped':
      return 'capacity was not measured: the profile does not step the load up (use progressive or stress)';
    case 'broke-at-first-step':
      return 'no capacity: the cluster broke at the first step';
    case 'no-target':
      return `${headroom.capacityIsLowerBound ? 'did not break up to' : 'capacity'} ${capacity}; no throughput target is set in the thresholds`;
    case 'lower-bound':
      return `did not break up to ${capacity}: at least ${formatTimes(headroom.ratio)} ${target}`;
    case 'above-target':
      return `capacity ${capacity} is ${formatTimes(headroom.ratio)} ${target}: ${formatPercent((headroom.ratio ?? 1) - 1)} headroom`;
    case 'below-target':
      return `capacity ${capacity} is ${formatPercent(headroom.ratio)} of ${target}: the cluster breaks before the target load`;
  }
}

/** fairnessSentence says how evenly the nodes shared the requests, and what each failover cost. */
export function fairnessSentence(fairness: Fairness): string {
  const shares = Object.entries(fairness.shares).map(([node, share]) => `${node} ${formatPercent(share)}`);
  const ratio = fairness.maxMinRatio === null ? 'a node served nothing' : `max/min ${formatDecimal(fairness.maxMinRatio)}`;
  const spread = fairness.measured
    ? `${shares.length} nodes: ${shares.join(', ')} (CV ${fairness.coefficientOfVariation === null ? 'n/a' : formatDecimal(fairness.coefficientOfVariation)}, ${ratio})`
    : 'no per-node request counts (qdrant-telemetry or qdrant-metrics samples): fairness not measured';
  const failovers =
    fairness.failovers.length === 0
      ? fairness.balancerWatched
        ? 'no failover'
        : 'no balancer samples: failovers not watched'
      : fairness.failovers
          .map((f) => (f.upSecond === null ? `${f.node} down at ${formatSeconds(f.downSecond)} and not back` : `${f.node} down at ${formatSeconds(f.downSecond)}, back at ${formatSeconds(f.upSecond)}`))
          .join('; ');
  const lost = fairness.lostDuringFailover ? `; ${formatCount(fairness.lostDuringFailover)} requests failed while a node was out of rotation` : '';
  return `${spread}; ${failovers}${lost}`;
}

/** recallSentence gives recall@k under load. */
export function recallSentence(recall: Summary['recall']): string {
  if (!recall.measured || recall.overall === null) return 'no response was checked against ground truth';
  return `${recall.k === null ? 'recall' : `recall@${recall.k}`} ${formatDecimal(recall.overall)} over ${formatCount(recall.checked)} responses checked against the exact nearest neighbours`;
}

/** integritySentence says whether every collection kept its points. */
export function integritySentence(integrity: Summary['integrity']): string {
  if (integrity.changed.length > 0) return changedPointsText(integrity.changed);
  if (integrity.uncounted.length > 0) return `integrity not checked: ${uncountedText(integrity.uncounted)}`;
  if (!integrity.checked) return 'points were not counted before and after the run: integrity not checked';
  return `every collection kept its points (${new Set([...Object.keys(integrity.before), ...Object.keys(integrity.after)]).size} collections)`;
}

/** changedPointsText lists the collections whose point count moved. */
export function changedPointsText(changed: Summary['integrity']['changed']): string {
  const count = (points: number | null): string => (points === null ? 'gone (HTTP 404): lost' : formatCount(points));
  return `points changed: ${changed.map((c) => `${c.collection} ${count(c.before)} → ${count(c.after)}`).join(', ')}`;
}

/** uncountedText lists the collections whose points could not be counted, when and why. */
export function uncountedText(uncounted: Summary['integrity']['uncounted']): string {
  return `points could not be counted: ${uncounted.map((u) => `${u.collection} ${u.when} the run (${u.error})`).join(', ')}`;
}

/** generatorSentence says how busy the load generator was, and whether its figures can be trusted. */
export function generatorSentence(generator: GeneratorHealth): string {
  if (generator.maxCpuPercent === null) return 'the generator was not sampled';
  const health = generator.saturated
    ? generatorSaturatedSentence(generator.maxCpuPercent, generator.saturationCpuPercent, generator.saturationSamplesInRow)
    : `the generator peaked at ${cpu(generator.maxCpuPercent)} CPU`;
  const shared = generator.machineBusy
    ? `; the machine, shared with the local target, peaked at ${cpu(generator.machineMaxCpuPercent ?? 0)} CPU, so latencies include some scheduling delay of the generator`
    : '';
  return `${health}${shared}`;
}

/** generatorSaturatedSentence is why a saturated generator's figures are not trusted (a finding and a verdict reason). */
export function generatorSaturatedSentence(maxCpuPercent: number, saturationCpuPercent: number, samplesInRow: number): string {
  return `the generator was at or above ${cpu(saturationCpuPercent)} CPU for ${samplesInRow} samples in a row (peak ${cpu(maxCpuPercent)}): the load it sent and the latencies it measured are not trustworthy`;
}

/** cpu writes a CPU figure the analysis keeps in percent (0..100 per core set) by the one percent rule. */
function cpu(percent: number): string {
  return formatPercent(percent / 100);
}
