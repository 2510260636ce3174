import type { Registrar } from '../registrar.ts';
import { register as compare } from './compare.ts';
import { register as datasets } from './datasets.ts';
import { register as lab } from './lab.ts';
import { register as profiles } from './profiles.ts';
import { register as report } from './report.ts';
import { register as seed } from './seed.ts';
import { register as stress } from './stress.ts';
import { register as validate } from './validate.ts';

/**
 * COMMANDS is every subcommand, one file each (as vegeta's main.go maps names to commands), in
 * the help's order: the main commands first. A command exists when it is listed here, so a stray
 * file in this folder changes nothing. The heavy modules (the run, the reports) are imported by
 * each action when it runs, so `--help` and `profiles` start fast.
 */
export const COMMANDS: readonly Registrar[] = [stress, profiles, validate, compare, datasets, lab, report, seed];
