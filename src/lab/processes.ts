// The lab's processes: started detached (so `lab up` can return while they run on), with stdout and
// stderr in a log file each, and identified by pid *and* start time, so a pid the kernel has since
// given to another process is never signalled.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** ProcessSpec is everything needed to start (and restart) one lab process. */
export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Added to the lab's own environment. */
  env?: Record<string, string>;
  logFile: string;
}

/** RunningProcess identifies a started process. */
export interface RunningProcess {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  startTime: number;
}

/** startProcess spawns a detached process whose output is appended to its log file. */
export function startProcess(spec: ProcessSpec): RunningProcess {
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`${spec.name}: could not start ${spec.command} (is it installed? \`npm run setup\` installs haproxy and redis-server)`);
    // An 'error' event (e.g. ENOENT) must not crash the lab's own process; readiness reports it.
    child.on('error', () => undefined);
    child.unref();
    return { pid: child.pid, startTime: startTimeOf(child.pid) ?? 0 };
  } finally {
    closeSync(log);
  }
}

/**
 * statFields reads /proc/<pid>/stat from field 3 (the state) on, or undefined when there is no such
 * process. The samplers' /proc parser reads CPU times; the lab needs the state and start time.
 */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or ")".
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** startTimeOf reads a process's start time, or undefined when there is no such process. */
export function startTimeOf(pid: number): number | undefined {
  const fields = statFields(pid);
  // The start time is field 22, the 20th after the name.
  return fields ? Number(fields[19]) : undefined;
}

/** isRunning tells whether this very process (same pid and start time) is alive and not a zombie. */
export function isRunning(process: RunningProcess): boolean {
  const fields = statFields(process.pid);
  if (!fields) return false;
  return fields[0] !== 'Z' && fields[0] !== 'X' && (process.startTime === 0 || Number(fields[19]) === process.startTime);
}

/**
 * stopProcess sends SIGTERM, waits up to `graceMs` for the process to go, then SIGKILLs it.
 * SIGKILL at once (graceMs 0) is how `lab kill` simulates a crash.
 */
export async function stopProcess(target: RunningProcess, graceMs = 5000): Promise<void> {
  if (!isRunning(target)) return;
  signal(target.pid, graceMs === 0 ? 'SIGKILL' : 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(target) && Date.now() < deadline) await pause(25);
  if (isRunning(target)) {
    signal(target.pid, 'SIGKILL');
    const killDeadline = Date.now() + 5000;
    while (isRunning(target) && Date.now() < killDeadline) await pause(25);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** logTail returns the last lines of a log file, for error messages about a component that failed. */
export async function logTail(file: string, lines = 15): Promise<string> {
  if (!existsSync(file) || statSync(file).size === 0) return '(its log is empty)';
  const text = await readFile(file, 'utf8');
  return text.trimEnd().split('\n').slice(-lines).map((line) => `  | ${line}`).join('\n');
}
