/** Environment is a process's environment variables, as Context carries them. */
export type Environment = Record<string, string | undefined>;

/**
 * Context is the outside world a command touches: output, environment, working folder, the
 * interrupt and the clock. It is injected, so tests run the whole CLI and a whole run in-process
 * on a temp folder and a fake clock and assert the output and exit code (k6's global state idea).
 * Every layer may import this module; it imports nothing.
 */
export interface Context {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr, where live progress is drawn, is an interactive terminal rather than a pipe or CI log. */
  isTTY: boolean;
  env: Environment;
  cwd: string;
  /** Aborted on the first SIGINT/SIGTERM. */
  interrupt: AbortSignal;
  /**
   * now is the wall clock in Unix milliseconds, as the run stamps its folder name, run.json's times
   * and its events. The engine keeps its own clock: its second 0 is the one every line is placed on.
   */
  now(): number;
}

/** processContext wires a Context to the real process. */
export function processContext(interrupt: AbortSignal): Context {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    // Live progress is drawn on stderr, so it is stderr that must be a terminal.
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
    env: process.env,
    cwd: process.cwd(),
    interrupt,
    now: () => Date.now(),
  };
}
