import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_TOLERANCES, tolerancesOf, type ToleranceFlags } from '../../config/tolerances.ts';
import { exitCodeOfComparison } from '../../exit-codes.ts';
import { RUN_FILES } from '../../runfolder/manifest.ts';
import type { Registrar } from '../registrar.ts';

/**
 * addToleranceOptions adds the regression tolerances to a command (compare, and stress with
 * --baseline), with units written the way thresholds.yaml writes them: 10%, 0.5pp, 10s.
 */
export function addToleranceOptions(command: Command): Command {
  const percent = (ratio: number): string => `${ratio * 100}%`;
  return command
    .addOption(new Option('--latency-tolerance <percent>', 'largest rise of p50, p95, p99 and each collection\'s p95').argParser(parseUnit('%', 0.01)).default(DEFAULT_TOLERANCES.latencyIncrease, percent(DEFAULT_TOLERANCES.latencyIncrease)))
    .addOption(new Option('--throughput-tolerance <percent>', 'largest fall of throughput and capacity').argParser(parseUnit('%', 0.01)).default(DEFAULT_TOLERANCES.throughputDecrease, percent(DEFAULT_TOLERANCES.throughputDecrease)))
    .addOption(new Option('--error-rate-tolerance <points>', 'largest rise of the error rate, in percentage points').argParser(parseUnit('pp', 0.01)).default(DEFAULT_TOLERANCES.errorRateIncrease, `${DEFAULT_TOLERANCES.errorRateIncrease * 100}pp`))
    .addOption(new Option('--recovery-tolerance <seconds>', 'largest rise of the recovery time').argParser(parseUnit('s', 1)).default(DEFAULT_TOLERANCES.recoveryIncreaseSeconds, `${DEFAULT_TOLERANCES.recoveryIncreaseSeconds}s`));
}

/** parseUnit reads "10%", "0.5pp" or "10s" (the unit may be left out) as a number times scale. */
function parseUnit(unit: string, scale: number): (value: string) => number {
  return (value) => {
    const match = new RegExp(`^\\s*(\\d+(?:\\.\\d+)?)\\s*(?:${unit})?\\s*$`).exec(value);
    if (!match) throw new InvalidArgumentError(`"${value}" is not a tolerance such as 5${unit}.`);
    return Number(match[1]) * scale;
  };
}

export const register: Registrar = (program, ctx, setExitCode) => {
  const command = program
    .command('compare')
    .description('compare a run with a baseline run or repeat: exit 1 on a regression beyond the tolerances (and a repeat baseline\'s spread), 4 when a figure has no data on one side')
    .argument('<baseline-run>', 'the run folder, or repeat folder (stress --repeat), to compare against')
    .argument('<current-run>', 'the run folder, or repeat folder, to judge')
    .option('--json', 'print the comparison as JSON');
  addToleranceOptions(command).action(async (baselineDir: string, currentDir: string, flags: ToleranceFlags & { json?: boolean }) => {
    const [{ comparedSideOf }, { compareRuns }, { renderComparison }, { rawWindowsGone }] = await Promise.all([
      import('../../report/repeat-folder.ts'),
      import('../../report/compare.ts'),
      import('../../report/compare-render.ts'),
      import('../../report/kept-summary.ts'),
    ]);
    // Each run is analysed again from its raw data; where that is gone, its kept summary.json is trusted, and said so.
    for (const dir of [baselineDir, currentDir]) {
      const gone = rawWindowsGone(dir);
      if (gone && existsSync(join(dir, RUN_FILES.summary))) ctx.err(`note: ${dir}: ${gone}; compared with the summary.json it kept\n`);
    }
    const comparison = compareRuns(comparedSideOf(baselineDir), comparedSideOf(currentDir), tolerancesOf(flags));
    ctx.out(flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison));
    setExitCode(exitCodeOfComparison(comparison.outcome));
  });
};
