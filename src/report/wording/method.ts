import { BREAKING_RULES } from '../../analysis/breaking-point.ts';
import { GENERATOR_RULES } from '../../analysis/generator.ts';
import { KNEEDLE_SENSITIVITY } from '../../analysis/kneedle.ts';
import { RECOVERY_RULES } from '../../analysis/recovery.ts';
import { STEADY_TRIM } from '../../analysis/stages.ts';
import { USL_MIN_POINTS } from '../../analysis/usl.ts';

import { formatDecimal, formatMs, formatPercent as pct, formatSeconds } from '../format.ts';

/** METHOD states, in every report, how the analysis computes its figures, quoting its rules' own constants. */
export const METHOD: readonly string[] = [
  'Latency percentiles come from merged HDR histograms (µs, 3 significant digits), never from averaged percentiles; open-model latency counts from the intended send time.',
  'Latency is that of the ok responses, kept apart by the engine from the failed ones (shown beside it), so fast refusals cannot make a failing cluster look fast. Throughput is goodput: ok responses per second; completions are shown beside it.',
  'Unserved rate: failed requests plus arrivals dropped at the in-flight bound, over the arrivals scheduled.',
  'Run-level figures and thresholds count every second outside warmup and cooldown stages.',
  `Step figures skip the first ${pct(STEADY_TRIM.fraction)} of each step (at least ${formatSeconds(STEADY_TRIM.minSeconds)}, at most ${formatSeconds(STEADY_TRIM.maxSeconds)}, always leaving 1 s) and count its steady state.`,
  `Breaking point: the first step, outside warmup and cooldown and while the load rises, where p50–p99 latency or the error rate is over its limit, more than ${pct(BREAKING_RULES.droppedShare)} of the arrivals were dropped, goodput falls more than ${pct(BREAKING_RULES.saturationShortfall)} short of the offered rate (open model), goodput stops following the load (Kneedle knee, S = ${formatDecimal(KNEEDLE_SENSITIVITY)}, confirmed when the next step gains less than ${pct(BREAKING_RULES.kneeGrowthFraction)} of the load's growth while p95 rises), or a resource passes its ceiling. Latency, error and saturation signals must also hold in at least ${BREAKING_RULES.persistSeconds} seconds and ${pct(BREAKING_RULES.persistFraction)} of the step's seconds, so one noisy second does not count.`,
  `Past the breaking point the cluster degrades gracefully while ok responses per second stay within ${pct(BREAKING_RULES.collapseDrop)} of the last good step's, and collapses when they fall further.`,
  `Recovery: from the end of the overload until p95 is within ${pct(RECOVERY_RULES.p95Factor - 1)} of the baseline's (or ${formatMs(RECOVERY_RULES.p95SlackMs)}, whichever is larger), the error rate within ${formatDecimal(RECOVERY_RULES.errorRateSlack * 100)} point of it and no more than ${pct(RECOVERY_RULES.droppedShare)} of arrivals dropped, for ${formatSeconds(RECOVERY_RULES.holdSeconds)} that start with such a second; at most ${RECOVERY_RULES.outlierSeconds} lone second in the hold may be over the latency or error limit (noise), never one with drops. With fewer seconds recorded after the overload than the hold, recovery is not judged and the run is inconclusive.`,
  `Capacity model: the Universal Scalability Law fitted by Levenberg–Marquardt to (concurrency, goodput) of the searched steps, with concurrency from Little's law over all completed requests; at least ${USL_MIN_POINTS} steps.`,
  `The generator is saturated when its CPU is at or above ${pct(GENERATOR_RULES.cpuPercent / 100)} for ${GENERATOR_RULES.samplesInRow} samples in a row: the run is then inconclusive.`,
  'Throughput and connection limits are written for the full form and scaled by the plan’s load scale.',
  'On a closed-model run, latency limits are advisory: shown, but not deciding the verdict (a closed model sends less to a slow target).',
  'No data is never a pass: a threshold without data, an unsampled generator or a collection whose points could not be counted makes the run inconclusive; a collection gone after the run (HTTP 404) is lost data and fails it.',
];
