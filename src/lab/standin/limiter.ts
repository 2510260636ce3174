// The node's search queue. Searches are CPU work on the one event loop, so they run one at a time
// in arrival order, each in its own macrotask so that new requests keep being read and admitted
// between them. Admission is bounded: past `maxInFlight` searches waiting or running, a request is
// refused at once (503); a search that waited longer than `queueTimeoutMs` is refused when its turn
// comes. Together they give a real knee (queueing latency grows) and a real collapse (503s).

export class OverloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverloadError';
  }
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  enqueuedAt: number;
}

export class SearchLimiter {
  private readonly queue: Job[] = [];
  private running = false;
  private scheduled = false;
  /** Searches refused, for the node's log and tests. */
  refused = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly queueTimeoutMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** inFlight counts searches waiting or running. */
  get inFlight(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  run<T>(work: () => T): Promise<T> {
    if (this.inFlight >= this.maxInFlight) {
      this.refused++;
      return Promise.reject(new OverloadError(`Service unavailable: ${this.inFlight} searches in flight on this lab node (limit ${this.maxInFlight})`));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject, enqueuedAt: this.now() });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.scheduled = false;
    const job = this.queue.shift();
    if (!job) return;
    const waited = this.now() - job.enqueuedAt;
    if (waited > this.queueTimeoutMs) {
      this.refused++;
      job.reject(new OverloadError(`Service unavailable: search waited ${Math.round(waited)} ms in this lab node's queue (limit ${this.queueTimeoutMs} ms)`));
    } else {
      this.running = true;
      try {
        job.resolve(job.work());
      } catch (error) {
        job.reject(error);
      } finally {
        this.running = false;
      }
    }
    if (this.queue.length > 0) this.schedule();
  }
}
