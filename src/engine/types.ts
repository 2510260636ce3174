import { ExitCode } from '../exit-codes.ts';
import type { Plan } from '../plan/types.ts';
import type { CorpusLine } from './corpus-protocol.ts';
import type { EngineLine } from '../runfolder/engine-lines.ts';

/** EngineInput is everything an engine needs for one run. */
export interface EngineInput {
  plan: Plan;
  corpus: readonly CorpusLine[];
  /** Base URL the corpus paths are appended to. */
  targetUrl: string;
  /** Sent as Qdrant's api-key header; handed over in memory or the environment, never in a file or argv. */
  apiKey?: string;
  /** A private folder for the engine's input files. */
  workDir: string;
  /** Where the engine's diagnostics go (the run folder's engine.log). */
  logFile: string;
}

export interface EngineExit {
  code: number | null;
  signal: string | null;
  /** Why the engine failed to start or crashed, in one line. */
  error?: string;
}

/**
 * EngineRun is a running engine. Like vegeta's attack channel, it only emits records: lines in
 * the run-folder protocol, which the orchestrator copies and reads. It knows nothing of analysis.
 */
export interface EngineRun {
  lines: AsyncIterable<EngineLine>;
  /** stop asks the engine to stop sending, finish what is in flight and flush its windows. */
  stop(): void;
  /** kill ends the engine at once, for one that did not stop when asked. */
  kill(): void;
  exited: Promise<EngineExit>;
  pid(): number | undefined;
}

export interface Engine {
  name: string;
  /** check throws a clear error, before any load, when the engine cannot run (missing or stale binary). */
  check(): Promise<{ version: string; builtWith: Record<string, string> }>;
  /**
   * refusal says why the engine would measure this plan wrongly, or undefined when it can drive
   * it. Asked before any load, with the config's other problems.
   */
  refusal(plan: Plan): string | undefined;
  /**
   * prepare does the heavy work before anything is measured (writing a corpus of megabytes), so
   * that it does not stall the samplers already running when start is called.
   */
  prepare(input: Omit<EngineInput, 'logFile'>): void;
  start(input: EngineInput): EngineRun;
}

/** EngineUnavailableError means the engine cannot start; nothing was sent. */
export class EngineUnavailableError extends Error {
  readonly exitCode = ExitCode.RunError;
}
