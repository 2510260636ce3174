import { stageAt } from '../plan/shape.ts';
import type { Plan } from '../plan/types.ts';
import type { TickLine } from '../runfolder/engine-lines.ts';

/** Non-interactive output (CI logs) prints a line this often, and at every stage start. */
const PLAIN_EVERY_SECONDS = 5;

/**
 * formatProgress renders one progress line from the latest tick: where the run is in the plan,
 * what was offered against what was achieved, and the health of the answers.
 */
export function formatProgress(plan: Plan, tick: TickLine, droppedSoFar: number): string {
  const stage = stageAt(plan.stages, tick.second);
  const unit = plan.model === 'open' ? 'req/s' : 'VUs';
  const offered = plan.model === 'open' ? `${Math.round(tick.target)} ${unit}` : `${tick.vus} ${unit}`;
  const errorRate = tick.completed > 0 ? `${((tick.failed / tick.completed) * 100).toFixed(1)}%` : '-';
  const p95 = tick.completed > 0 ? `${(tick.p95Us / 1000).toFixed(1)} ms` : '-';
  return [
    `[${String(tick.second + 1).padStart(String(plan.durationSeconds).length)}/${plan.durationSeconds}s]`,
    stage.name.padEnd(10),
    `offered ${offered}`,
    `achieved ${tick.completed} req/s`,
    `p95 ${p95}`,
    `errors ${errorRate}`,
    `dropped ${droppedSoFar}`,
    `in flight ${tick.inFlight}`,
  ].join('  ');
}

/**
 * ProgressPrinter shows progress live: one line redrawn in place on a terminal, or a plain line
 * every few seconds and at stage starts when the output is a log (CI, a pipe).
 */
export class ProgressPrinter {
  private dropped = 0;
  private lastStage = -1;
  private drewLine = false;

  constructor(
    private readonly plan: Plan,
    private readonly write: (text: string) => void,
    private readonly interactive: boolean,
  ) {}

  add(tick: TickLine): void {
    this.dropped += tick.dropped;
    const line = formatProgress(this.plan, tick, this.dropped);
    if (this.interactive) {
      this.write(`\r\x1b[2K${line}`);
      this.drewLine = true;
      return;
    }
    const stage = stageAt(this.plan.stages, tick.second).index;
    if (stage !== this.lastStage || (tick.second + 1) % PLAIN_EVERY_SECONDS === 0) this.write(`${line}\n`);
    this.lastStage = stage;
  }

  /** finish ends the in-place line so later output starts on its own line. */
  finish(): void {
    if (this.drewLine) this.write('\n');
    this.drewLine = false;
  }
}
