import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPEAT_FILES, summarizeRepeat, type RepeatSummary } from '../analysis/repeat.ts';
import type { Summary } from '../analysis/summary-types.ts';
import type { Context } from '../context.ts';
import { ExitCode, exitCodeOfVerdict } from '../exit-codes.ts';
import { compareRuns, sideOfRepeat } from '../report/compare.ts';
import { renderComparison } from '../report/compare-render.ts';
import { renderRepeat } from '../report/repeat-render.ts';
import { createFolder, runIdFor } from '../runfolder/write.ts';
import type { PreparedStress } from './prepare.ts';
import { runStress, withComparison } from './stress.ts';

/**
 * runRepeat runs the profile `config.run.repeat` times, each a whole run of its own (a fresh
 * engine, the same plan and seed) written as a subfolder of one repeat folder,
 * reports/<id>-repeat/, which gets repeat.json and repeat.md. The repeat's verdict is the median
 * run's, and its exit code follows it (lowered by a --baseline comparison of the repeat's medians).
 * An interrupt or a run error stops the repeat: what ran is summarised, and the exit code is that run's.
 */
export async function runRepeat(config: PreparedStress, ctx: Context): Promise<number> {
  const say = (line: string): void => ctx.err(`vecstress: ${line}\n`);
  const requested = config.run.repeat;
  // Named like run folders, numbered the same way when one exists.
  const folder = createFolder(config.outDir, `${runIdFor(config.plan.profile, new Date(ctx.now()))}-repeat`);
  const summaries: Summary[] = [];
  let stopped: number | undefined;
  const write = (): RepeatSummary => {
    const repeat = summarizeRepeat(folder.id, requested, config.plan.seed, summaries);
    writeFileSync(join(folder.dir, REPEAT_FILES.summary), `${JSON.stringify(repeat, null, 2)}\n`);
    writeFileSync(join(folder.dir, REPEAT_FILES.markdown), renderRepeat(repeat));
    return repeat;
  };
  try {
    for (let i = 0; i < requested && stopped === undefined; i++) {
      say(`repeat ${folder.id}: run ${i + 1} of ${requested}`);
      // The baseline is compared once, with the repeat's medians, not run by run.
      const { baseline: _baseline, ...single } = config;
      const result = await runStress({ ...single, outDir: folder.dir }, ctx);
      if (result.run) summaries.push(result.run.summary);
      if (result.exitCode === ExitCode.Interrupted || result.exitCode === ExitCode.RunError) stopped = result.exitCode;
    }
  } catch (error) {
    // What ran is still summarised (and marked incomplete) before the error goes up.
    write();
    throw error;
  }
  const repeat = write();
  ctx.out(renderRepeat(repeat));
  say(`repeat ${folder.id}: ${join(folder.dir, REPEAT_FILES.summary)}`);
  if (stopped !== undefined) return stopped;
  const comparison = config.baseline && summaries.length > 0 ? compareRuns(config.baseline.side, sideOfRepeat(repeat, summaries), config.baseline.tolerances) : undefined;
  if (comparison) ctx.out(renderComparison(comparison));
  return withComparison(exitCodeOfVerdict(repeat.verdict), comparison?.outcome);
}
