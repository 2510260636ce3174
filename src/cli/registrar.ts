import type { Command } from 'commander';
import type { Context } from '../context.ts';

/**
 * A Registrar adds one subcommand to the program. Its action reports the process exit code through
 * setExitCode; errors it throws are mapped to exit codes by main.
 */
export type Registrar = (program: Command, ctx: Context, setExitCode: (code: number) => void) => void;
