import type { Summary } from '../analysis/summary-types.ts';
import { collectProblems, COMMAND_LINE, ConfigError, type ConfigProblem } from '../config/errors.ts';
import { displayPath } from '../config/paths.ts';
import type { StressConfig } from '../config/stress.ts';
import type { Tolerances } from '../config/tolerances.ts';
import { engineFor } from '../engine/index.ts';
import { savedCapacity } from '../lab/index.ts';
import { ceilingProblems } from '../plan/bounds.ts';
import { buildPlan } from '../plan/build.ts';
import type { Plan } from '../plan/types.ts';
import type { ComparedSide } from '../report/compare.ts';
import { comparedSideOf } from '../report/repeat-folder.ts';
import { RunFolderError } from '../runfolder/read.ts';

/** PreparedStress is a stress config with its plan built and the runs it names read: all a run, or a dry run, needs. */
export interface PreparedStress extends StressConfig {
  plan: Plan;
  /** The earlier run or repeat to compare with, analysed before any load. */
  baseline?: { side: Summary | ComparedSide; tolerances: Tolerances };
}

/**
 * prepareStress takes the config stage's output one step on: it builds the plan (a lab form sized
 * to the capacity saved in the lab's state, when there is one), asks the engine
 * whether it can drive that plan, and analyses the baseline run. What goes wrong here is a config
 * problem like any other: all of them are reported together, and nothing is sent.
 */
export function prepareStress(config: StressConfig): PreparedStress {
  const problems: ConfigProblem[] = [];
  const plan = checkedPlan(config, problems);
  const baseline = config.run.baseline && readBaseline(config.run.baseline, problems);
  if (problems.length > 0 || !plan) throw new ConfigError(problems);
  return { ...config, plan, ...(baseline ? { baseline } : {}) };
}

/**
 * replan builds a prepared run's plan again, as once its lab's capacity became known, and checks
 * it like the first; the baseline already read stands.
 */
export function replan(prepared: PreparedStress): PreparedStress {
  const problems: ConfigProblem[] = [];
  const plan = checkedPlan(prepared, problems);
  if (problems.length > 0 || !plan) throw new ConfigError(problems);
  return { ...prepared, plan };
}

/** checkedPlan builds the plan (sized to the lab's saved capacity where there is one) and adds what the engine and the ceilings say of it to problems. */
function checkedPlan(config: StressConfig, problems: ConfigProblem[]): Plan | undefined {
  const labCapacity = config.target.kind === 'lab' && config.planInput.form === 'lab' ? savedCapacity(config.target.stateDir) : undefined;
  const plan = collectProblems(problems, () => buildPlan(labCapacity ? { ...config.planInput, labCapacity } : config.planInput));
  if (!plan) return undefined;
  const refusal = engineFor(config.engine).refusal(plan);
  if (refusal) problems.push({ file: COMMAND_LINE, path: '--engine', message: refusal });
  problems.push(...ceilingProblems(plan, config.thresholds.ceilings, displayPath(config.thresholdsFile)));
  return plan;
}

function readBaseline(baseline: { dir: string; tolerances: Tolerances }, problems: ConfigProblem[]): PreparedStress['baseline'] {
  try {
    return { side: comparedSideOf(baseline.dir), tolerances: baseline.tolerances };
  } catch (error) {
    if (!(error instanceof RunFolderError)) throw error;
    problems.push({ file: COMMAND_LINE, path: '--baseline', message: error.message });
    return undefined;
  }
}
