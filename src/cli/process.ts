import { processContext } from './context.ts';
import { ExitCode } from './exit-codes.ts';
import { main } from './main.ts';

/**
 * runFromProcess is the real entry point: the first SIGINT/SIGTERM asks the run to stop and
 * write what it has (k6's graceful abort); a second one exits at once.
 */
export async function runFromProcess(argv: string[]): Promise<void> {
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) {
      process.stderr.write('\nsecond interrupt: exiting now\n');
      process.exit(ExitCode.Interrupted);
    }
    process.stderr.write('\ninterrupted: stopping the load and writing the results gathered so far (Ctrl-C again to quit now)\n');
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
