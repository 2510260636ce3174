import type { Summary } from '../analysis/summary-types.ts';
import { collectProblems, COMMAND_LINE, ConfigError, type ConfigProblem } from '../config/errors.ts';
import { displayPath } from '../config/paths.ts';
import type { StressConfig } from '../config/stress.ts';
import type { Tolerances } from '../config/tolerances.ts';
import { engineFor } from '../engine/index.ts';
import { ceilingProblems } from '../plan/bounds.ts';
import { buildPlan } from '../plan/build.ts';
import type { Plan } from '../plan/types.ts';
import { summaryOf } from '../report/from-run-folder.ts';
import { RunFolderError } from '../runfolder/read.ts';

/** PreparedStress is a stress config with its plan built and the runs it names read: all a run, or a dry run, needs. */
export interface PreparedStress extends StressConfig {
  plan: Plan;
  /** The earlier run to compare with, analysed before any load. */
  baseline?: { summary: Summary; tolerances: Tolerances };
}

/**
 * prepareStress takes the config stage's output one step on: it builds the plan, asks the engine
 * whether it can drive that plan, and analyses the baseline run. What goes wrong here is a config
 * problem like any other: all of them are reported together, and nothing is sent.
 */
export function prepareStress(config: StressConfig): PreparedStress {
  const problems: ConfigProblem[] = [];
  const plan = collectProblems(problems, () => buildPlan(config.planInput));
  const refusal = plan && engineFor(config.engine).refusal(plan);
  if (refusal) problems.push({ file: COMMAND_LINE, path: '--engine', message: refusal });
  if (plan) problems.push(...ceilingProblems(plan, config.thresholds.ceilings, displayPath(config.thresholdsFile)));
  const baseline = config.run.baseline && readBaseline(config.run.baseline, problems);
  if (problems.length > 0 || !plan) throw new ConfigError(problems);
  return { ...config, plan, ...(baseline ? { baseline } : {}) };
}

function readBaseline(baseline: { dir: string; tolerances: Tolerances }, problems: ConfigProblem[]): PreparedStress['baseline'] {
  try {
    return { summary: summaryOf(baseline.dir), tolerances: baseline.tolerances };
  } catch (error) {
    if (!(error instanceof RunFolderError)) throw error;
    problems.push({ file: COMMAND_LINE, path: '--baseline', message: error.message });
    return undefined;
  }
}
