import type { SampleLine } from '../runfolder/sample-lines.ts';
import type { Summary } from './summary-types.ts';
import { round } from './wording.ts';

/**
 * GENERATOR_RULES: the generator is saturated when its machine (or the engine, over all its cores)
 * is at or above 90 % CPU for 3 samples in a row; a single busy sample is a blip, not saturation.
 */
export const GENERATOR_RULES = { cpuPercent: 90, samplesInRow: 3 } as const;

/** generatorHealth reads the load generator's own samples: a saturated generator measures itself. */
export function generatorHealth(samples: readonly SampleLine[], droppedIterations: number): Summary['generator'] {
  const busy = samples.flatMap((s) => (s.kind === 'generator' ? [busiest(s.data)] : []));
  let run = 0;
  let saturated = false;
  for (const cpu of busy) {
    run = cpu >= GENERATOR_RULES.cpuPercent ? run + 1 : 0;
    if (run >= GENERATOR_RULES.samplesInRow) saturated = true;
  }
  const maxCpuPercent = busy.length > 0 ? Math.max(...busy) : null;
  const detail =
    maxCpuPercent === null
      ? 'the generator was not sampled'
      : saturated
        ? `the generator was at or above ${GENERATOR_RULES.cpuPercent} % CPU for ${GENERATOR_RULES.samplesInRow} samples in a row (peak ${round(maxCpuPercent)} %): the load it sent and the latencies it measured are not trustworthy`
        : `the generator peaked at ${round(maxCpuPercent)} % CPU`;
  return { maxCpuPercent, saturated, droppedIterations, detail };
}

function busiest(data: Extract<SampleLine, { kind: 'generator' }>['data']): number {
  const engineShare = data.engineCpuPercent === undefined || data.cores <= 0 ? 0 : data.engineCpuPercent / data.cores;
  return Math.max(data.machineCpuPercent, engineShare);
}
