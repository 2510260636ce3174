import type { SampleLine } from '../runfolder/sample-lines.ts';
import type { GeneratorHealth } from './summary-types.ts';
import { largestOf } from './largest.ts';

/**
 * GENERATOR_RULES: the generator is saturated when it is at or above 90 % CPU for 3 samples in a
 * row; a single busy sample is a blip, not saturation.
 */
export const GENERATOR_RULES = { cpuPercent: 90, samplesInRow: 3 } as const;

/**
 * generatorHealth reads the load generator's own samples: a saturated generator measures itself.
 * With a remote target the generating machine is the generator's alone, so its CPU counts. With a
 * local target (the lab) the machine is shared and mostly busy with the target's own work, which
 * is the point of the test: there only the generator's processes count, the engine over all cores
 * and Node's single event loop, and a busy machine becomes a caveat instead of a verdict.
 */
export function generatorHealth(samples: readonly SampleLine[], droppedIterations: number): GeneratorHealth {
  const localTarget = hasLocalTarget(samples);
  const generator = samples.filter((s): s is Extract<SampleLine, { kind: 'generator' }> => s.kind === 'generator');
  const busy = generator.map((s) => generatorCpuPercent(s.data, localTarget));
  const machinePeak = largestOf(generator.map((s) => s.data.machineCpuPercent));
  let run = 0;
  let saturated = false;
  for (const cpu of busy) {
    run = cpu >= GENERATOR_RULES.cpuPercent ? run + 1 : 0;
    if (run >= GENERATOR_RULES.samplesInRow) saturated = true;
  }
  const maxCpuPercent = largestOf(busy);
  return {
    maxCpuPercent,
    saturated,
    saturationCpuPercent: GENERATOR_RULES.cpuPercent,
    saturationSamplesInRow: GENERATOR_RULES.samplesInRow,
    localTarget,
    machineMaxCpuPercent: machinePeak,
    machineBusy: localTarget && machinePeak !== null && machinePeak >= GENERATOR_RULES.cpuPercent,
    droppedIterations,
  };
}

/** hasLocalTarget says whether the target ran on the generating machine (its processes were sampled). */
export function hasLocalTarget(samples: readonly SampleLine[]): boolean {
  return samples.some((s) => s.kind === 'target-process');
}

/**
 * generatorCpuPercent is how busy the generator was in one sample: its own processes, and the
 * machine too when the machine is the generator's alone (a remote target).
 */
export function generatorCpuPercent(data: Extract<SampleLine, { kind: 'generator' }>['data'], localTarget: boolean): number {
  const engineShare = data.engineCpuPercent === undefined || data.cores <= 0 ? 0 : data.engineCpuPercent / data.cores;
  const own = Math.max(engineShare, data.nodeCpuPercent);
  return localTarget ? own : Math.max(data.machineCpuPercent, own);
}
