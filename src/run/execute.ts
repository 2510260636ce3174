import type { EngineExit, EngineRun } from '../engine/types.ts';
import { stageAt } from '../plan/shape.ts';
import type { Plan } from '../plan/types.ts';
import type { EndLine, EngineLine, StartLine } from '../runfolder/engine-lines.ts';
import type { EventType } from '../runfolder/event-lines.ts';
import { RUN_FILES, type ExitReason } from '../runfolder/manifest.ts';
import { AbortRule, type AbortDecision } from './abort-rule.ts';
import type { ProgressPrinter } from './progress.ts';
import type { RunFolderWriter } from '../runfolder/write.ts';

/** After asking the engine to stop, how long to wait past its own grace before killing it. */
const STOP_DEADLINE_MS = 15_000;
/** Past the plan's end, how long an engine may take to finish its last windows before it is killed. */
const END_DEADLINE_MS = 60_000;

export interface ExecutionHooks {
  plan: Plan;
  writer: RunFolderWriter;
  progress: ProgressPrinter;
  interrupt: AbortSignal;
  /** Called once with the engine's start line: from here on, seconds count from its startUnixMs. */
  onStart(line: StartLine): void;
  /** Writes an event; t defaults to now. */
  event(type: EventType, message: string, detail?: Record<string, unknown>, t?: number): void;
  /** Whether the target still answers, asked when the abort rule trips. */
  targetAnswers(): Promise<boolean>;
  /** Sees every engine line after it is on disk (live metrics). */
  observe?(line: EngineLine): void;
}

export interface ExecutionOutcome {
  start: StartLine | null;
  end: EndLine | null;
  exit: EngineExit;
  exitReason: ExitReason;
  abortReason: string | null;
}

/**
 * executeRun drives one engine run to its end: it copies every line into windows.ndjson as it
 * arrives, shows progress, applies the abort rule, and turns Ctrl-C into one stop request, so that
 * whatever happens, every window the engine produced is on disk.
 */
export async function executeRun(run: EngineRun, hooks: ExecutionHooks): Promise<ExecutionOutcome> {
  const rule = new AbortRule(hooks.plan.stages, hooks.plan.abort);
  let start: StartLine | null = null;
  let end: EndLine | null = null;
  let interrupted = false;
  let abortReason: string | null = null;
  let stage = -1;
  let deadline: NodeJS.Timeout | undefined;

  const stop = (): void => {
    run.stop();
    deadline ??= setTimeout(() => run.kill(), hooks.plan.limits.timeoutMs + STOP_DEADLINE_MS);
  };
  const onInterrupt = (): void => {
    interrupted = true;
    hooks.event('interrupt', 'interrupted: stopping the engine and keeping what was gathered');
    stop();
  };
  if (hooks.interrupt.aborted) onInterrupt();
  else hooks.interrupt.addEventListener('abort', onInterrupt, { once: true });
  // A run stops by itself: an engine still running long after its plan ended is killed.
  const overall = setTimeout(() => run.kill(), (hooks.plan.durationSeconds * 1000) + hooks.plan.limits.timeoutMs + END_DEADLINE_MS);
  let observeFailed = false;
  let exit: EngineExit;
  const observe = (line: EngineLine): void => {
    try {
      hooks.observe?.(line);
    } catch (error) {
      // Live metrics are a convenience: a failure there must not stop the run or lose its record.
      if (!observeFailed) hooks.event('warning', `live metrics stopped: ${(error as Error).message}`);
      observeFailed = true;
    }
  };

  try {
    for await (const line of run.lines) {
      hooks.writer.append(RUN_FILES.windows, line);
      if (!observeFailed) observe(line);
      if (line.type === 'start') {
        start = line;
        hooks.onStart(line);
        hooks.event('run-start', `engine ${line.engine} ${line.version} started`);
      } else if (line.type === 'end') {
        end = line;
      } else if (line.type === 'tick') {
        hooks.progress.add(line);
        const current = stageAt(hooks.plan.stages, line.second);
        if (current.index !== stage && line.second < hooks.plan.durationSeconds) {
          stage = current.index;
          // The tick arrives as its second ends; the stage began at its own start second.
          const began = start ? start.startUnixMs + current.startSecond * 1000 : undefined;
          hooks.event('stage-start', `stage ${current.index} (${current.name}) started`, { stage: current.index, name: current.name }, began);
        }
        const decision: AbortDecision | undefined = abortReason === null && !interrupted ? rule.add(line) : undefined;
        if (decision) {
          abortReason = decision.reason;
          hooks.event('abort', decision.reason, { rule: decision.rule, stage: decision.stage, second: decision.second });
          stop();
        }
      }
    }
    exit = await run.exited;
  } finally {
    hooks.interrupt.removeEventListener('abort', onInterrupt);
    clearTimeout(deadline);
    clearTimeout(overall);
  }
  hooks.progress.finish();

  let exitReason: ExitReason = 'completed';
  if (interrupted) exitReason = 'interrupted';
  else if (abortReason !== null) {
    exitReason = 'aborted';
    if (!(await hooks.targetAnswers())) {
      exitReason = 'target-down';
      abortReason = `the target stopped answering during the run (${abortReason})`;
    }
  } else if (end === null || end.reason === 'error' || exit.code !== 0) {
    exitReason = 'engine-error';
    abortReason = end?.error ?? exit.error ?? `the engine ended without its end line (exit code ${exit.code}, signal ${exit.signal})`;
  }
  hooks.event('engine-exit', `engine exited (${exitReason})`, { code: exit.code, signal: exit.signal });
  return { start, end, exit, exitReason, abortReason };
}
