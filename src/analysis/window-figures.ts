import { ERROR_CLASSES, WINDOW_HISTOGRAMS, type EncodedHistogram, type ErrorCounts, type WindowHistogram, type WindowLine } from '../runfolder/engine-lines.ts';
import { decodeHistogram, HistogramMerger, type Histogram, type HistogramStats } from '../runfolder/histogram.ts';
import type { MissingData } from './summary-types.ts';

// Adding windows up: counts are summed and histograms merged, then read once at close. Each
// window's histograms are decoded once however many groups (run, step, collection) it feeds.

/** WindowFigures is a set of windows added up; latencies in µs, as the histograms record them. */
export interface WindowFigures {
  windows: number;
  scheduled: number;
  sent: number;
  dropped: number;
  completed: number;
  ok: number;
  errors: ErrorCounts;
  bytesIn: number;
  bytesOut: number;
  recallChecked: number;
  recallSum: number;
  /**
   * Windows with both ok and failed requests whose line has no okLatency (engine protocol 1):
   * their ok latency cannot be told from the failed one, so okLatency counts all their requests.
   */
  unsplitWindows: number;
  /** Every completed request. */
  latency: HistogramStats | null;
  /** The ok requests only: what thresholds, steps and the headline read. */
  okLatency: HistogramStats | null;
  /** The failed requests only; null also when unsplitWindows hid some. */
  failedLatency: HistogramStats | null;
  service: HistogramStats | null;
  server: HistogramStats | null;
}

type DecodedWindow = { line: WindowLine; unsplit: boolean } & Record<HistogramField, Histogram | null>;

/** HistogramField names a window's histograms; decoding and merging only the ones needed saves most of the time. */
export type HistogramField = WindowHistogram;

/** FiguresSum adds decoded windows (add) and reads their figures (close). */
class FiguresSum {
  #figures: Omit<WindowFigures, HistogramField> = {
    windows: 0,
    scheduled: 0,
    sent: 0,
    dropped: 0,
    completed: 0,
    ok: 0,
    errors: noErrors(),
    bytesIn: 0,
    bytesOut: 0,
    recallChecked: 0,
    recallSum: 0,
    unsplitWindows: 0,
  };
  #histograms = Object.fromEntries(WINDOW_HISTOGRAMS.map((field) => [field, new HistogramMerger()])) as Record<HistogramField, HistogramMerger>;

  add(window: DecodedWindow): void {
    const f = this.#figures;
    const line = window.line;
    f.windows += 1;
    f.scheduled += line.scheduled ?? 0;
    f.sent += line.sent ?? 0;
    f.dropped += line.dropped ?? 0;
    f.completed += line.completed;
    f.ok += line.ok;
    for (const cls of ERROR_CLASSES) f.errors[cls] += line.errors[cls] ?? 0;
    f.bytesIn += line.bytesIn ?? 0;
    f.bytesOut += line.bytesOut ?? 0;
    f.recallChecked += line.recallChecked ?? 0;
    f.recallSum += line.recallSum ?? 0;
    if (window.unsplit) f.unsplitWindows += 1;
    for (const field of WINDOW_HISTOGRAMS) {
      const histogram = window[field];
      // A histogram standing in for another (a protocol-1 window's latency) carries that one's max.
      if (histogram) this.#histograms[field].add(histogram, (line[field] ?? line.latency)?.max);
    }
  }

  close(): WindowFigures {
    const stats = Object.fromEntries(WINDOW_HISTOGRAMS.map((field) => [field, this.#histograms[field].stats()])) as Record<HistogramField, HistogramStats | null>;
    return { ...this.#figures, ...stats, failedLatency: this.#figures.unsplitWindows > 0 ? null : stats.failedLatency };
  }
}

/**
 * figuresBySecond adds the windows of each second (all collections). Windows must be sorted by
 * second, as readRunFolder returns them: each second is closed as the next begins, so memory
 * holds one second's histograms whatever the run's length.
 */
export function figuresBySecond(windows: readonly WindowLine[], problems: MissingData[], fields: readonly HistogramField[] = WINDOW_HISTOGRAMS): Map<number, WindowFigures> {
  const result = new Map<number, WindowFigures>();
  let second: number | null = null;
  let accumulator = new FiguresSum();
  for (const line of windows) {
    if (line.second !== second) {
      if (second !== null) result.set(second, accumulator.close());
      second = line.second;
      accumulator = new FiguresSum();
    }
    accumulator.add(decodeWindow(line, problems, fields));
  }
  if (second !== null) result.set(second, accumulator.close());
  return result;
}

/**
 * figuresByGroup adds windows into the groups groupsOf names for each (none, one or several):
 * for the run, its steps and its collections. Keep the number of groups small: each one holds
 * its merged histograms until the end.
 */
export function figuresByGroup(
  windows: readonly WindowLine[],
  groupsOf: (line: WindowLine) => string[],
  problems: MissingData[],
  fields: readonly HistogramField[] = WINDOW_HISTOGRAMS,
): Map<string, WindowFigures> {
  const accumulators = new Map<string, FiguresSum>();
  for (const line of windows) {
    const groups = groupsOf(line);
    if (groups.length === 0) continue;
    const decoded = decodeWindow(line, problems, fields);
    for (const group of groups) {
      let accumulator = accumulators.get(group);
      if (!accumulator) accumulators.set(group, (accumulator = new FiguresSum()));
      accumulator.add(decoded);
    }
  }
  return new Map([...accumulators].map(([group, accumulator]) => [group, accumulator.close()]));
}

/** emptyFigures is what a group with no windows adds up to. */
export function emptyFigures(): WindowFigures {
  return new FiguresSum().close();
}

/** failures counts the requests that ended without an ok answer. */
export function failures(figures: Pick<WindowFigures, 'completed' | 'ok'>): number {
  return figures.completed - figures.ok;
}

/**
 * errorRateOf is failures / completed. When requests went out and none came back, every one of
 * them failed (1); when nothing was sent there is no rate (null).
 */
export function errorRateOf(figures: WindowFigures): number | null {
  if (figures.completed > 0) return failures(figures) / figures.completed;
  return figures.sent > 0 ? 1 : null;
}

/** droppedShareOf is dropped / scheduled: arrivals never sent; null when nothing was scheduled. */
export function droppedShareOf(figures: WindowFigures): number | null {
  return figures.scheduled > 0 ? figures.dropped / figures.scheduled : null;
}

/**
 * unservedRateOf is (failures + dropped) / scheduled: the arrivals that got no ok answer, whether
 * the target refused them or the engine never sent them. null when nothing was scheduled.
 */
export function unservedRateOf(figures: WindowFigures): number | null {
  return figures.scheduled > 0 ? (failures(figures) + figures.dropped) / figures.scheduled : null;
}

/**
 * decodeWindow decodes the histograms asked for. A protocol-1 window has no okLatency nor
 * failedLatency: when all its requests were ok (or all failed), `latency` is exactly that one;
 * when it had both, `latency` stands in for the ok latency and the window is counted as unsplit.
 */
function decodeWindow(line: WindowLine, problems: MissingData[], fields: readonly HistogramField[]): DecodedWindow {
  const decode = (field: HistogramField, encoded: EncodedHistogram | undefined): Histogram | null => {
    if (!encoded || encoded.count === 0 || !fields.includes(field)) return null;
    try {
      return decodeHistogram(encoded.hist);
    } catch (error) {
      problems.push({ code: 'histogram-undecodable', second: line.second, collection: line.collection, field, error: (error as Error).message });
      return null;
    }
  };
  const failed = failures(line);
  const latency = decode('latency', line.latency);
  // Merging only reads a histogram, so the decoded latency can stand in for another field as it is.
  const latencyAs = (field: HistogramField): Histogram | null => (fields.includes(field) ? (latency ?? decode(field, line.latency)) : null);
  const byOutcome = (field: 'okLatency' | 'failedLatency', count: number): Histogram | null => {
    if (line[field] !== undefined) return decode(field, line[field]);
    if (count === 0) return null;
    // Protocol 1: latency is this outcome's when every request had it; else it stands in for ok.
    return count === line.completed || field === 'okLatency' ? latencyAs(field) : null;
  };
  return {
    line,
    unsplit: line.okLatency === undefined && line.ok > 0 && failed > 0,
    latency,
    okLatency: byOutcome('okLatency', line.ok),
    failedLatency: byOutcome('failedLatency', failed),
    service: decode('service', line.service),
    server: decode('server', line.server),
  };
}

function noErrors(): ErrorCounts {
  return Object.fromEntries(ERROR_CLASSES.map((cls) => [cls, 0])) as ErrorCounts;
}
