/**
 * CliContext is the outside world the CLI touches, injected so that tests run the whole CLI
 * in-process on a temp folder and assert its output and exit code (k6's global state idea).
 */
export interface CliContext {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr, where live progress is drawn, is an interactive terminal rather than a pipe or CI log. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on the first SIGINT/SIGTERM. */
  interrupt: AbortSignal;
}

/** processContext wires a CliContext to the real process. */
export function processContext(interrupt: AbortSignal): CliContext {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    // Live progress is drawn on stderr, so it is stderr that must be a terminal.
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
    env: process.env,
    cwd: process.cwd(),
    interrupt,
  };
}
