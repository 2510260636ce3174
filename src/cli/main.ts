import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors.ts';
import type { Context } from '../context.ts';
import { EXIT_CODE_HELP, ExitCode } from '../exit-codes.ts';
import { escapeTerminal } from '../report/escape.ts';
import { COMMANDS } from './commands/index.ts';

/** main runs the CLI over an injected context and returns the exit code instead of exiting. */
export async function main(argv: readonly string[], ctx: Context): Promise<number> {
  let exitCode: number = ExitCode.Passed;
  const program = new Command('vecstress')
    .description('Load and stress testing for vector-search clusters (Qdrant behind a load balancer, with Redis beside it)')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err });
  for (const register of COMMANDS) register(program, ctx, (code) => (exitCode = code));
  program.commands.forEach((command) => command.exitOverride().configureOutput({ writeOut: ctx.out, writeErr: ctx.err }));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error, ctx);
  }
}

function exitCodeFor(error: unknown, ctx: Context): number {
  if (error instanceof CommanderError) {
    // --help and --version end through an exception too; they are not failures.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? ExitCode.Passed
      : ExitCode.ConfigError;
  }
  if (error instanceof ConfigError) {
    ctx.err(`config error (nothing was sent):\n${indent(inert(error.message))}\n`);
    return error.exitCode;
  }
  const exitCode = (error as { exitCode?: number }).exitCode;
  ctx.err(`error: ${inert((error as Error).message ?? String(error))}\n`);
  return typeof exitCode === 'number' ? exitCode : ExitCode.RunError;
}

/** inert keeps a message's line breaks and shows any other control character (from a flag or a file) as text. */
function inert(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
