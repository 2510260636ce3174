import { processContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { main } from './main.ts';

/**
 * runFromProcess is the real entry point: the first SIGINT/SIGTERM asks the command to stop and
 * keep what it has (k6's graceful abort); a second one exits at once. A crash exits 3, never 1:
 * CI reads 1 as "thresholds failed".
 */
export async function runFromProcess(argv: string[]): Promise<void> {
  const crash = (error: unknown): never => {
    process.stderr.write(`\nvecstress crashed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(ExitCode.RunError);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) {
      process.stderr.write('\nsecond interrupt: exiting now\n');
      process.exit(ExitCode.Interrupted);
    }
    process.stderr.write('\ninterrupted: stopping (Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await main(argv, processContext(interrupt.signal));
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // Leftover handles (a keep-alive socket, a timer) must not keep a finished CLI alive.
  process.exit(code);
}
