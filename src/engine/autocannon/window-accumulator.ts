import { ERROR_CLASSES, WINDOW_HISTOGRAMS, type ErrorClass, type WindowHistogram, type WindowLine } from '../../runfolder/engine-lines.ts';
import { HISTOGRAM_HIGHEST_US, HISTOGRAM_LOWEST_US } from '../../histogram-range.ts';
import { encodeHistogram, newHistogram, type Histogram } from '../../runfolder/histogram.ts';

export interface Outcome {
  second: number;
  collection: string;
  pattern: string;
  stage: number;
  status: number;
  /** null for an ok response. */
  error: ErrorClass | null;
  latencyUs: number;
  serviceUs: number;
  serverUs?: number;
  bytesIn: number;
  bytesOut: number;
  recall?: number;
}


type OpenWindow = { line: Omit<WindowLine, WindowHistogram> } & Record<WindowHistogram, Histogram>;

/**
 * WindowAccumulator builds the engine protocol's windows in TypeScript (the Go engine has its own):
 * O(1) work per request (add), encoded histograms only when a window closes (flushThrough).
 */
export class WindowAccumulator {
  private readonly open = new Map<string, OpenWindow>();

  /** sent counts a request as scheduled and sent in the window of its send second. */
  sent(second: number, collection: string, pattern: string, stage: number): void {
    const window = this.window(second, collection, pattern, stage);
    window.line.scheduled++;
    window.line.sent++;
  }

  /** add records the end of a request: a response, an error or a timeout. */
  add(outcome: Outcome): void {
    const window = this.window(outcome.second, outcome.collection, outcome.pattern, outcome.stage);
    const { line } = window;
    line.completed++;
    line.codes[String(outcome.status)] = (line.codes[String(outcome.status)] ?? 0) + 1;
    const latencyUs = clampUs(outcome.latencyUs);
    if (outcome.error) {
      line.errors[outcome.error]++;
      window.failedLatency.recordValue(latencyUs);
    } else {
      line.ok++;
      window.okLatency.recordValue(latencyUs);
    }
    window.latency.recordValue(latencyUs);
    window.service.recordValue(clampUs(outcome.serviceUs));
    if (outcome.serverUs !== undefined) window.server.recordValue(clampUs(outcome.serverUs));
    line.bytesIn += outcome.bytesIn;
    line.bytesOut += outcome.bytesOut;
    if (outcome.recall !== undefined) {
      line.recallChecked = (line.recallChecked ?? 0) + 1;
      line.recallSum = (line.recallSum ?? 0) + outcome.recall;
    }
  }

  /** flushThrough closes every window of a second up to and including `second`, oldest first. */
  flushThrough(second: number): WindowLine[] {
    const closed = [...this.open.entries()].filter(([, w]) => w.line.second <= second).sort(([, a], [, b]) => a.line.second - b.line.second);
    return closed.map(([key, window]) => {
      this.open.delete(key);
      const histograms = WINDOW_HISTOGRAMS.flatMap((name) => (window[name].totalCount === 0 ? [] : [[name, encodeHistogram(window[name])] as const]));
      return { ...window.line, ...Object.fromEntries(histograms) };
    });
  }

  flushAll(): WindowLine[] {
    return this.flushThrough(Number.MAX_SAFE_INTEGER);
  }

  private window(second: number, collection: string, pattern: string, stage: number): OpenWindow {
    const key = `${second}\u0000${collection}`;
    let window = this.open.get(key);
    if (!window) {
      window = {
        line: {
          type: 'window', second, collection, pattern, stage,
          scheduled: 0, sent: 0, dropped: 0, completed: 0, ok: 0, codes: {},
          errors: Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as WindowLine['errors'],
          bytesIn: 0, bytesOut: 0,
        },
        ...(Object.fromEntries(WINDOW_HISTOGRAMS.map((name) => [name, newHistogram()])) as Record<WindowHistogram, Histogram>),
      };
      this.open.set(key, window);
    }
    return window;
  }
}

/** clampUs keeps a value inside the histograms' range, as the Go engine's recordUs does. */
function clampUs(value: number): number {
  return Math.min(HISTOGRAM_HIGHEST_US, Math.max(HISTOGRAM_LOWEST_US, Math.round(value)));
}
