import type { BreakingEvidence, BreakingPoint, ResourceOver, StepSummary } from '../../analysis/summary-types.ts';
import { formatDecimal, formatMs, formatPercent, formatQuantity, formatRps } from '../format.ts';
import { offeredText, stepName } from './steps.ts';

const RESOURCE_NAMES: Record<ResourceOver['resource'], string> = { cpu: 'node CPU', memory: 'node memory', connections: 'connections', disk: 'disk', network: 'network' };

/** breakingPointSentence says where the cluster stopped keeping up, why, what it sustained and how it degraded. */
export function breakingPointSentence(point: BreakingPoint, steps: readonly StepSummary[]): string {
  switch (point.code) {
    case 'too-few-steps':
      return 'the profile has fewer than two measured load levels: there are no steps to search';
    case 'held':
      return `held every step up to ${offeredText(steps, point.topStepIndex)}: no latency, error, saturation, knee or resource signal`;
    case 'broke': {
      const capacity =
        point.capacityRps === null
          ? 'the first step already broke: no capacity below it was measured'
          : `sustainable capacity ${formatRps(point.capacityRps)} at ${stepName(steps, point.lastGoodStepIndex)}`;
      return [
        `breaks at ${stepName(steps, point.stepIndex)} (${offeredText(steps, point.stepIndex)}): ${point.evidence.map((e) => evidenceText(e, steps)).join('; ')}`,
        capacity,
        degradationText(point, steps),
      ]
        .filter(Boolean)
        .join('; ');
    }
  }
}

function evidenceText(evidence: BreakingEvidence, steps: readonly StepSummary[]): string {
  switch (evidence.signal) {
    case 'latency':
      return `${evidence.percentile} latency ${formatMs(evidence.valueMs)} over the ${formatMs(evidence.limitMs)} limit`;
    case 'errors':
      return `error rate ${formatPercent(evidence.errorRate)} over the ${formatPercent(evidence.limit)} limit`;
    case 'drops':
      return `${formatPercent(evidence.droppedShare)} of the arrivals were dropped, over the ${formatPercent(evidence.limit)} a good step may drop`;
    case 'saturation':
      return `goodput ${formatRps(evidence.throughputRps)} is ${formatPercent(evidence.shortfall)} short of the ${formatRps(evidence.offeredRps)} offered`;
    case 'knee':
      return `goodput stopped following the load (knee at ${stepName(steps, evidence.kneeStepIndex)}: ${formatDecimal(evidence.fromRps)} → ${formatRps(evidence.toRps)} while the load rose ${formatPercent(evidence.loadGrowth)} and p95 rose to ${formatMs(evidence.p95Ms)})`;
    case 'resource':
      return evidence.over.map(resourceText).join(', ');
  }
}

function resourceText({ resource, value, ceiling, unit }: ResourceOver): string {
  // The name already says connections; their count is a mean over the step, so it may have decimals.
  const amount = (v: number): string => (unit === 'connections' ? formatDecimal(v) : formatQuantity(v, unit));
  return `${RESOURCE_NAMES[resource]} ${amount(value)} over the ${amount(ceiling)} ceiling`;
}

function degradationText({ mode, degradation }: BreakingPoint, steps: readonly StepSummary[]): string {
  if (mode === null || degradation === null) return '';
  const { worstStepIndex, worstOkRps, referenceOkRps, okRatio } = degradation;
  return mode === 'collapse'
    ? `collapse: ok responses fell to ${formatRps(worstOkRps)} at ${stepName(steps, worstStepIndex)}, ${formatPercent(okRatio)} of the ${formatRps(referenceOkRps)} before the break`
    : `graceful: ok responses held at ${formatRps(worstOkRps)} or more, against ${formatRps(referenceOkRps)} before the break`;
}
