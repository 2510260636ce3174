import { listProfileNames, loadProfile } from '../../config/load.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { Registrar } from '../registrar.ts';

export const register: Registrar = (program, ctx, setExitCode) => {
  program
    .command('profiles')
    .description('list the load profiles, one line each')
    .action(() => {
      const profiles = listProfileNames().map((name) => loadProfile(name));
      const width = Math.max(...profiles.map((p) => p.name.length));
      for (const profile of profiles) ctx.out(`${profile.name.padEnd(width)}  ${profile.definition.description}\n`);
      setExitCode(ExitCode.Passed);
    });
};
