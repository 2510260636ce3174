import { ERROR_CLASSES } from './engine-lines.ts';
import type { RunManifest } from './manifest.ts';

// A window line is checked before it counts: its counts must add up as the engine writes them
// (docs/run-folder.md: ok + Σ errors = completed ≤ sent ≤ scheduled) and its second must fall in
// the plan, or one damaged line could print "-3,082 % errors" or make the analysis walk a
// billion seconds.

/** The seconds a window may carry past the plan's end: requests still in flight drain for up to the timeout. */
export function lastPlanSecond(manifest: RunManifest): number {
  return Math.ceil(manifest.plan.durationSeconds + manifest.plan.limits.timeoutMs / 1000) + 1;
}

/** windowProblem says why a window line's counts cannot be right, or undefined when they add up. */
export function windowProblem(line: Record<string, unknown>): string | undefined {
  const errors = line.errors as Record<string, unknown>;
  const counts: Array<[string, unknown]> = [
    ['completed', line.completed],
    ['ok', line.ok],
    ...(['sent', 'scheduled', 'dropped'] as const).filter((name) => line[name] !== undefined).map((name): [string, unknown] => [name, line[name]]),
    ...ERROR_CLASSES.filter((name) => errors[name] !== undefined).map((name): [string, unknown] => [`errors.${name}`, errors[name]]),
  ];
  const bad = counts.find(([, value]) => !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0));
  if (bad) return `${bad[0]} is ${JSON.stringify(bad[1])}, not a count`;
  const errorSum = ERROR_CLASSES.reduce((sum, name) => sum + ((errors[name] as number | undefined) ?? 0), 0);
  const { ok, completed, sent, scheduled } = line as { ok: number; completed: number; sent?: number; scheduled?: number };
  if (ok + errorSum !== completed) return `ok (${ok}) + errors (${errorSum}) ≠ completed (${completed})`;
  if (sent !== undefined && completed > sent) return `completed (${completed}) > sent (${sent})`;
  if (sent !== undefined && scheduled !== undefined && sent > scheduled) return `sent (${sent}) > scheduled (${scheduled})`;
  return undefined;
}
