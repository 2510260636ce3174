import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors.ts';
import type { CliContext } from './context.ts';
import { EXIT_CODE_HELP, ExitCode } from '../exit-codes.ts';
import { loadRegistrars } from './commands/index.ts';

/**
 * A Registrar adds one subcommand to the program. Its action reports the process exit code through
 * setExitCode; errors it throws are mapped to exit codes by main.
 */
export type Registrar = (program: Command, ctx: CliContext, setExitCode: (code: number) => void) => void;

/** main runs the CLI over an injected context and returns the exit code instead of exiting. */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  let exitCode: number = ExitCode.Passed;
  const program = new Command('vecstress')
    .description('Load and stress testing for vector-search clusters (Qdrant behind a load balancer, with Redis beside it)')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err });
  for (const register of await loadRegistrars()) register(program, ctx, (code) => (exitCode = code));
  program.commands.forEach((command) => command.exitOverride().configureOutput({ writeOut: ctx.out, writeErr: ctx.err }));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error, ctx);
  }
}

function exitCodeFor(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // --help and --version end through an exception too; they are not failures.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? ExitCode.Passed
      : ExitCode.ConfigError;
  }
  if (error instanceof ConfigError) {
    ctx.err(`config error (nothing was sent):\n${indent(error.message)}\n`);
    return error.exitCode;
  }
  const exitCode = (error as { exitCode?: number }).exitCode;
  ctx.err(`error: ${(error as Error).message ?? String(error)}\n`);
  return typeof exitCode === 'number' ? exitCode : ExitCode.RunError;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
