import type { GapLine, SampleKind, SampleLine } from '../runfolder/sample-lines.ts';

/** Unsecond drops `second` from each member of a union: the orchestrator adds it on the engine's clock. */
type Unsecond<T> = T extends unknown ? Omit<T, 'second'> : never;

/** SampleOutput is what a sampler hands over: a sample or a gap, timed by `t` only. */
export type SampleOutput = Unsecond<SampleLine | GapLine>;

/** SampleSink receives each sample or gap as it is taken; the orchestrator adds `second` and writes samples.ndjson. */
export type SampleSink = (line: SampleOutput) => void;

/** SampleData is the `data` of the sample lines of one kind. */
export type SampleData<K extends SampleKind> = Extract<SampleLine, { kind: K }>['data'];

/** SamplerStatus says how one sampler went: run.json's sampler rates and the report's sampler table read it. */
export interface SamplerStatus {
  name: string;
  kind: SampleKind;
  source: string;
  status: 'ok' | 'degraded' | 'failed';
  samples: number;
  gaps: number;
  /** The sampler's own request rate against the target, to show it did not disturb the run. */
  requestsPerSecond: number;
  lastError?: string;
}

/**
 * Sampler watches one thing (one endpoint of one node, one process) while the load runs. start()
 * returns at once; stop() ends sampling, waits for nothing slower than a read in flight (which it
 * aborts) and says how sampling went.
 */
export interface Sampler {
  readonly name: string;
  readonly kind: SampleKind;
  readonly source: string;
  start(): void;
  stop(): Promise<SamplerStatus>;
}

/**
 * Reader takes one reading of a polled sampler. read() resolves to the sample's data, or to
 * undefined while a differenced sampler only has its first, baseline reading; it throws when the
 * endpoint is down, slow (the signal aborts) or answers garbage, and the poller records a gap.
 */
export interface Reader<K extends SampleKind> {
  readonly name: string;
  readonly kind: K;
  readonly source: string;
  readonly intervalMs: number;
  read(signal: AbortSignal): Promise<SampleData<K> | undefined>;
  /** Requests made against the target so far, for SamplerStatus.requestsPerSecond (0 for /proc reads). */
  requests(): number;
  /** close releases what the reader holds open (a Redis connection) once sampling has stopped. */
  close?(): void;
}

/** SamplerOutput is where samplers send lines and warnings; messages are already scrubbed of secrets. */
export interface SamplerOutput {
  sink: SampleSink;
  warn: (message: string) => void;
  /** scrub masks every known secret in a message before it is written or printed. */
  scrub: (message: string) => string;
}

/**
 * SamplerLedger counts a sampler's samples and gaps and warns once per failure streak: a sampler
 * whose endpoint stays down writes one gap per reading but prints one warning, not one a second.
 */
export class SamplerLedger {
  private samples = 0;
  private gaps = 0;
  private lastError: string | undefined;
  private failing = false;
  private sinkFailed = false;

  constructor(
    private readonly sampler: { name: string; kind: SampleKind; source: string },
    private readonly output: SamplerOutput,
    /** When sampling began, for the request rate. */
    private readonly startedAt = Date.now(),
  ) {}

  /** sample records a sample; source defaults to the sampler's (a Prometheus query returns one per host). */
  sample<K extends SampleKind>(kind: K, t: number, data: SampleData<K>, source = this.sampler.source): void {
    this.samples++;
    this.failing = false;
    this.emit({ type: 'sample', kind, sampler: this.sampler.name, source, t, data } as SampleOutput);
  }

  gap(t: number, error: unknown): void {
    const message = this.output.scrub(errorMessage(error));
    this.gaps++;
    this.lastError = message;
    if (!this.failing) {
      this.failing = true;
      this.output.warn(`sampler ${this.sampler.name} (${this.sampler.source}): ${message}; recording gaps until it answers again`);
    }
    this.emit({ type: 'gap', kind: this.sampler.kind, sampler: this.sampler.name, source: this.sampler.source, t, error: message });
  }

  status(requests: number): SamplerStatus {
    const seconds = Math.max((Date.now() - this.startedAt) / 1000, 1e-3);
    return {
      name: this.sampler.name,
      kind: this.sampler.kind,
      source: this.sampler.source,
      status: this.gaps === 0 ? 'ok' : this.samples === 0 ? 'failed' : 'degraded',
      samples: this.samples,
      gaps: this.gaps,
      requestsPerSecond: Math.round((requests / seconds) * 100) / 100,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  private emit(line: SampleOutput): void {
    // The sink writes to the run folder; if it throws, say so rather than lose lines silently,
    // and never let it stop the sampler's loop.
    try {
      this.output.sink(line);
    } catch (error) {
      if (this.sinkFailed) return;
      this.sinkFailed = true;
      this.output.warn(`sampler ${this.sampler.name} (${this.sampler.source}): could not record a line: ${errorMessage(error)}`);
    }
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? `: ${error.cause.message}` : '';
    return `${error.message || error.name}${cause}`;
  }
  return String(error);
}
