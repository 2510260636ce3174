import { collectProblems, ConfigError, type ConfigProblem } from '../../config/errors.ts';
import { listProfileNames, loadMix, loadProfile, loadThresholds } from '../../config/load.ts';
import { DEFAULT_MIX_FILE, DEFAULT_THRESHOLDS_FILE, displayPath } from '../../config/paths.ts';
import { ceilingProblems } from '../../plan/bounds.ts';
import { buildPlan } from '../../plan/build.ts';
import { ExitCode } from '../../exit-codes.ts';
import { mixFileOption } from '../options.ts';
import type { Registrar } from '../registrar.ts';

/** LAB_FORM_MAX_SECONDS bounds every profile's lab form, which CI and the README's first run use. */
export const LAB_FORM_MAX_SECONDS = 90;

export const register: Registrar = (program, ctx, setExitCode) => {
  program
    .command('validate')
    .description('check every config file: profiles, the collection mix and the thresholds')
    .option('--mix <file>', 'collection mix file', DEFAULT_MIX_FILE)
    .option('--thresholds <file>', 'thresholds file', DEFAULT_THRESHOLDS_FILE)
    .action((flags: { mix: string; thresholds: string }) => {
      const problems: ConfigProblem[] = [];
      const attempt = <T>(load: () => T): T | undefined => collectProblems(problems, load);
      const mixFile = mixFileOption(flags.mix, ctx);
      const mix = attempt(() => loadMix(mixFile));
      const names = listProfileNames();
      const thresholds = mix && attempt(() => loadThresholds(flags.thresholds, names, Object.keys(mix.collections)));
      for (const name of names) {
        const profile = attempt(() => loadProfile(name));
        if (!profile || !mix) continue;
        for (const form of ['lab', 'full'] as const) {
          const plan = attempt(() => buildPlan({ profileName: name, profileFile: displayPath(profile.file), profile: profile.definition, mix, form }));
          if (plan && thresholds) problems.push(...ceilingProblems(plan, thresholds.ceilings, displayPath(flags.thresholds)));
          if (plan && form === 'lab' && plan.durationSeconds > LAB_FORM_MAX_SECONDS) {
            problems.push({ file: displayPath(profile.file), path: 'lab.timeScale', message: `the lab form lasts ${plan.durationSeconds} s; it must finish within ${LAB_FORM_MAX_SECONDS} s` });
          }
        }
        if (!problems.some((p) => p.file === displayPath(profile.file))) ctx.out(`ok  ${displayPath(profile.file)}\n`);
      }
      if (problems.length > 0) throw new ConfigError(problems);
      ctx.out(`ok  ${names.length} profiles, the mix and the thresholds are valid\n`);
      setExitCode(ExitCode.Passed);
    });
};
