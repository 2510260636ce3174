import type { EndLine, StartLine, TickLine, WindowLine } from './engine-lines.ts';
import type { EventLine } from './event-lines.ts';
import type { RunManifest } from './manifest.ts';
import type { GapLine, SampleLine } from './sample-lines.ts';

/**
 * RecordedRun is a run folder read back into memory: the analysis's whole input. Windows and ticks
 * are sorted by second (then collection); a missing file reads as empty, and `problems` says what
 * could not be read (a truncated last line after a crash is expected and skipped).
 */
export interface RecordedRun {
  dir: string;
  manifest: RunManifest;
  start: StartLine | null;
  end: EndLine | null;
  windows: WindowLine[];
  ticks: TickLine[];
  samples: SampleLine[];
  gaps: GapLine[];
  events: EventLine[];
  problems: string[];
}
