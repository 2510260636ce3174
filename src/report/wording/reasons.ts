import type { MissingData, Summary, VerdictReason } from '../../analysis/summary-types.ts';
import { formatCount } from '../format.ts';
import { changedPointsText, generatorSaturatedSentence, integritySentence, uncountedText } from './findings.ts';
import { recoverySentence } from './recovery.ts';
import { thresholdSentence } from './thresholds.ts';

/** verdictReasonSentence states one reason for a fail or an inconclusive verdict. */
export function verdictReasonSentence(reason: VerdictReason, summary: Summary): string {
  switch (reason.code) {
    case 'no-windows':
      return 'the engine recorded no windows: nothing was measured';
    case 'generator-saturated':
      return generatorSaturatedSentence(reason.maxCpuPercent, reason.saturationCpuPercent, reason.saturationSamplesInRow);
    case 'threshold-failed':
    case 'threshold-no-data':
      return thresholdSentence(reason.threshold, summary);
    case 'integrity-changed':
      return `data integrity: ${changedPointsText(reason.changed)}`;
    case 'incomplete':
      return `the run did not complete (${reason.abortReason ?? reason.exitReason}): a pass needs the whole plan`;
    case 'points-uncounted':
      return `data integrity not checked: ${uncountedText(reason.uncounted)}`;
    case 'generator-not-sampled':
      return 'the load generator was not sampled: whether it saturated (and measured itself) is unknown';
    case 'arrivals-dropped':
      return `${formatCount(reason.count)} arrivals were dropped at the in-flight bound and never sent: their latency is not in the figures`;
  }
}

/** missingSentence states one gap in what the run recorded. */
export function missingSentence(item: MissingData, summary: Summary): string {
  switch (item.code) {
    case 'incomplete':
      return `the run did not complete (${item.exitReason}${item.abortReason ? `: ${item.abortReason}` : ''}); figures cover what was recorded`;
    case 'run-folder-problem':
      return `run folder: ${item.problem}`;
    case 'histogram-undecodable':
      return `window ${item.second}/${item.collection}: its ${item.field} histogram could not be decoded (${item.error}); left out`;
    case 'sampler-unhealthy':
      return `sampler ${item.sampler} (${item.source}) ${item.status}: ${formatCount(item.gaps)} of ${formatCount(item.samples + item.gaps)} samples not taken${item.lastError ? `, last error: ${item.lastError}` : ''}`;
    case 'no-node-samples':
      return `no samples from node ${item.node}`;
    case 'no-redis-samples':
      return 'no samples from Redis';
    case 'no-balancer-samples':
      return 'no samples from the balancer';
    case 'no-generator-samples':
      return 'no samples of the load generator: its saturation was not checked';
    case 'threshold-no-data':
      return thresholdSentence(item.threshold, summary);
    case 'integrity-not-checked':
      return integritySentence(summary.integrity);
    case 'ok-latency-not-split':
      return `${formatCount(item.windows)} windows mixed ok and failed requests and were written by an engine before protocol 2, which kept one latency for both: there, ok latency includes the failed requests, so latency limits have no data`;
    case 'recovery-not-measured':
      return `recovery not measured: ${recoverySentence(summary.recovery, summary.steps)}`;
  }
}

/** verdictReasons and missingData are the summary's reasons and gaps as sentences, in order. */
export function verdictReasons(summary: Summary): string[] {
  return summary.verdictReasons.map((reason) => verdictReasonSentence(reason, summary));
}

export function missingData(summary: Summary): string[] {
  return summary.missing.map((item) => missingSentence(item, summary));
}
