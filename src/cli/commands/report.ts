import { join } from 'node:path';
import type { Summary } from '../../analysis/summary-types.ts';
import { listProfileNames, loadThresholds } from '../../config/load.ts';
import { RUN_FILES } from '../../runfolder/manifest.ts';
import { readRunManifest, RunFolderError } from '../../runfolder/read.ts';
import { exitCodeOfVerdict } from '../../exit-codes.ts';
import type { Registrar } from '../registrar.ts';

export const register: Registrar = (program, ctx, setExitCode) => {
  program
    .command('report')
    .description('rebuild every report file of a run folder from its raw data, offline, and exit with its verdict')
    .argument('<run-dir>', 'a run folder (reports/<run-id>)')
    .option('--thresholds <file>', 'judge the run against this thresholds file instead of the one it was made with')
    .option('--png', 'also write report.png, a full-page screenshot of report.html (needs /usr/bin/chromium)')
    .action(async (runDir: string, flags: { thresholds?: string; png?: boolean }) => {
      // Checked against the run's own collections and the known profiles, as stress checks them.
      const thresholds = flags.thresholds === undefined ? undefined : loadThresholds(flags.thresholds, listProfileNames(), readRunManifest(runDir).plan.mix.map((m) => m.collection));
      // The analysis, the renderers and the browser load only when this command runs, not with every command.
      const [{ reportInputOf }, { writeReports }, { formatConsoleSummary }, { keptSummaryAtRisk }] = await Promise.all([
        import('../../report/from-run-folder.ts'),
        import('../../report/write.ts'),
        import('../../run/console-summary.ts'),
        import('../../report/kept-summary.ts'),
      ]);
      // Rewriting would replace the run's only record with figures from no data.
      const atRisk = keptSummaryAtRisk(runDir);
      if (atRisk) throw new RunFolderError(`not rewriting the reports of ${runDir}: ${atRisk}`);
      const { input, problems } = reportInputOf(runDir, thresholds ? { thresholds } : {});
      for (const problem of problems) ctx.err(`warning: ${problem}\n`);
      const written = writeReports(runDir, input);
      if (flags.png) {
        const { screenshotReport } = await import('../../report/screenshot.ts');
        written.push(await screenshotReport(runDir));
      }
      ctx.out(formatConsoleSummary(input.summary, join(runDir, RUN_FILES.html)));
      ctx.out(`wrote ${written.map((path) => path.slice(path.lastIndexOf('/') + 1)).join(', ')}\n`);
      setExitCode(exitCodeOfVerdict(input.summary.verdict));
    });
};
