// The lines a load engine writes, one JSON object per line: the Go engine prints them on stdout,
// the autocannon adapter produces the same, and the orchestrator copies them verbatim into the
// run folder's windows.ndjson. docs/run-folder.md is the prose version of this file.

/**
 * ENGINE_PROTOCOL_VERSION 2 added okLatency and failedLatency to the window line; readers take
 * protocol 1 streams too (src/analysis/window-figures.ts says what they do without the split).
 */
export const ENGINE_PROTOCOL_VERSION = 2;
/** EngineProtocol is any protocol a reader accepts: this one and the older ones. */
export type EngineProtocol = 1 | typeof ENGINE_PROTOCOL_VERSION;

/** ErrorClass keeps failure kinds apart: a timeout and a 503 mean different things. Which failure gets which class: test/vectors/response-check.json. */
export const ERROR_CLASSES = ['timeout', 'refused', 'reset', 'status429', 'status4xx', 'status5xx', 'check', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** WINDOW_HISTOGRAMS are the histogram fields of a window line, in the order the engines write them. */
export const WINDOW_HISTOGRAMS = ['latency', 'okLatency', 'failedLatency', 'service', 'server'] as const;
export type WindowHistogram = (typeof WINDOW_HISTOGRAMS)[number];
export type ErrorCounts = Record<ErrorClass, number>;

/**
 * EncodedHistogram is an HdrHistogram of microseconds (1 µs to 60 s, 3 significant digits) in the
 * V2 compressed base64 encoding ("HISTFAAA..."), which Go's hdrhistogram-go writes and
 * hdr-histogram-js reads, so windows merge exactly before any percentile is computed.
 */
export interface EncodedHistogram {
  hist: string;
  count: number;
  /** Largest recorded value, µs (also inside hist; kept readable for humans and jq). */
  max: number;
}

export interface StartLine {
  type: 'start';
  protocol: EngineProtocol;
  engine: string;
  version: string;
  /** Versions of what the engine is built on, e.g. {go: "go1.26.8", vegeta: "v12.13.0"}. */
  builtWith: Record<string, string>;
  model: 'open' | 'closed';
  /** Wall-clock time of second 0 of the plan: every window's second counts from here. */
  startUnixMs: number;
}

/**
 * WindowLine holds what happened to the requests of one collection whose *intended* send time fell
 * in one second of the plan. Keyed by intended time (not completion), a stall stays in the second
 * it hit instead of smearing into later ones. Emitted once the request timeout has passed.
 */
export interface WindowLine {
  type: 'window';
  second: number;
  collection: string;
  pattern: string;
  stage: number;
  /** Arrivals the plan scheduled (open model); requests started (closed model). */
  scheduled: number;
  sent: number;
  /** Open model: arrivals refused because requests in flight were at the bound (k6's dropped_iterations). */
  dropped: number;
  /** Requests that ended: a response, an error or a timeout. sent - completed were abandoned at a stop. */
  completed: number;
  /** Completed with a 2xx status and a response body of the expected shape. */
  ok: number;
  /** Status code counts; "0" counts transport errors and timeouts. */
  codes: Record<string, number>;
  errors: ErrorCounts;
  /** Latency from the intended send time (open model: free of coordinated omission). */
  latency?: EncodedHistogram;
  /**
   * Protocol 2: the latency of the ok requests alone, and of the failed ones alone (together they
   * are `latency`). Absent when no request of that kind completed.
   */
  okLatency?: EncodedHistogram;
  failedLatency?: EncodedHistogram;
  /** Service time from the actual send to the end of the response. */
  service?: EncodedHistogram;
  /** Qdrant's server-side `time` from response bodies that carried it. */
  server?: EncodedHistogram;
  bytesIn: number;
  bytesOut: number;
  /**
   * Recall under load: of the ok responses to requests whose corpus entry carried ground truth, a
   * sample was checked; recallSum adds each one's recall@k (0..1). Absent when nothing was checked.
   */
  recallChecked?: number;
  recallSum?: number;
}

/**
 * TickLine is one per second of the run, written as the second ends: the engine's own state, and
 * quick counts by completion time for live progress and the abort rule (never for analysis, which
 * uses windows).
 */
export interface TickLine {
  type: 'tick';
  second: number;
  /** The plan's target at this second (req/s or VUs). */
  target: number;
  /** Most requests in flight at any moment of the second, and at its end. */
  inFlightMax: number;
  inFlight: number;
  /** Connections open at the end of the second. */
  connections: number;
  /** Closed model: virtual users running. */
  vus: number;
  scheduled: number;
  sent: number;
  dropped: number;
  /** By completion time, this second: responses, failures, p95 latency (µs). */
  completed: number;
  failed: number;
  p95Us: number;
}

export interface EndLine {
  type: 'end';
  reason: 'completed' | 'interrupted' | 'error';
  error?: string;
  endUnixMs: number;
  totals: { scheduled: number; sent: number; dropped: number; completed: number; abandoned: number };
}

export type EngineLine = StartLine | WindowLine | TickLine | EndLine;
