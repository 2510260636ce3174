import autocannon from 'autocannon';
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DEFAULT_ENGINE } from '../../config/run-options.ts';
import { targetAt } from '../../plan/shape.ts';
import type { Plan } from '../../plan/types.ts';
import { ENGINE_PROTOCOL_VERSION, type EngineLine, type ErrorClass } from '../../runfolder/engine-lines.ts';
import { newHistogram } from '../../runfolder/histogram.ts';
import type { Engine, EngineExit, EngineInput, EngineRun } from '../types.ts';
import { LineChannel } from './line-channel.ts';
import { RequestPicker, type PickedRequest } from './request-picker.ts';
import { classifyStatus, classifyTransportError, readResponse, recallAt } from './response-check.ts';
import { closedSegments } from './segments.ts';
import { WindowAccumulator } from './window-accumulator.ts';

const AUTOCANNON_VERSION = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;

/** InFlight is one request between its send and its end: what it was, when, and what came back. */
interface InFlight {
  picked: PickedRequest;
  sentAt: number;
  second: number;
  stage: number;
  bytesOut: number;
  error?: ErrorClass | null;
  serverUs?: number;
  recall?: number;
}

/** RequestContext is autocannon's per-connection context, renewed for every request it sends. */
interface RequestContext {
  inFlight?: InFlight;
}

/**
 * autocannonEngine is the pure-npm engine, for closed-model runs only: autocannon's rate option is
 * a per-second burst quota rather than pacing (it sends each second's quota at once), so open-model
 * latencies would hide coordinated omission. It runs one autocannon instance per segment of
 * constant VUs and writes the same windows, ticks and lines as the Go engine.
 */
export const autocannonEngine: Engine = {
  name: 'autocannon',

  async check() {
    return { version: AUTOCANNON_VERSION, builtWith: { autocannon: AUTOCANNON_VERSION, node: process.version } };
  },

  refusal(plan: Plan) {
    // autocannon's rate option is a per-second burst quota, not pacing: its latencies would hide
    // coordinated omission, so it is only offered where the model is closed anyway.
    if (plan.model === 'open') return `autocannon drives closed-model (connections) runs only, and profile "${plan.profile}" is open-model; add --model closed or use --engine ${DEFAULT_ENGINE}`;
    if (plan.thinkTimeMs > 0) return `autocannon cannot pause between a user's queries, and profile "${plan.profile}" has a think time; use --engine ${DEFAULT_ENGINE}`;
    return undefined;
  },

  // It replays the corpus from memory: nothing to write first.
  prepare() {},

  start(input: EngineInput): EngineRun {
    if (input.plan.model !== 'closed') throw new Error('the autocannon engine drives closed-model plans only');
    const channel = new LineChannel<EngineLine>();
    const run = new AutocannonRun(input, channel);
    const exited = run.run().then(
      (): EngineExit => ({ code: 0, signal: null }),
      (error: Error): EngineExit => ({ code: 1, signal: null, error: error.message }),
    );
    return { lines: channel, stop: () => run.stop(), kill: () => run.stop(), exited, pid: () => process.pid };
  },
};

class AutocannonRun {
  private readonly picker: RequestPicker;
  private readonly windows = new WindowAccumulator();
  private readonly plan: Plan;
  private t0 = 0;
  private stopped = false;
  private current: autocannon.Instance | undefined;
  private reason: 'completed' | 'interrupted' = 'completed';
  private readonly totals = { scheduled: 0, sent: 0, dropped: 0, completed: 0, abandoned: 0 };
  private tickCompleted = 0;
  private tickFailed = 0;
  private readonly tickLatency = newHistogram();
  private tickSent = 0;
  private vus = 0;
  /** okWithTruth counts the ok responses to requests with ground truth: every recallEvery-th is checked. */
  private okWithTruth = 0;
  private readonly inFlight = new Set<InFlight>();

  constructor(
    private readonly input: EngineInput,
    private readonly channel: LineChannel<EngineLine>,
  ) {
    this.plan = input.plan;
    this.picker = new RequestPicker(input.corpus, input.plan.seed);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = 'interrupted';
    this.current?.stop();
  }

  async run(): Promise<void> {
    const segments = closedSegments(this.plan);
    appendFileSync(this.input.logFile, `autocannon ${AUTOCANNON_VERSION}: closed model, ${this.plan.stages.length} stages over ${this.plan.durationSeconds}s in ${segments.length} segments\n`);
    this.t0 = Date.now();
    this.channel.push({ type: 'start', protocol: ENGINE_PROTOCOL_VERSION, engine: 'autocannon', version: AUTOCANNON_VERSION, builtWith: { node: process.version }, model: 'closed', startUnixMs: this.t0 });
    let second = 0;
    const ticker = setInterval(() => this.tick(second++), 1000);
    try {
      for (const segment of segments) {
        if (this.stopped) break;
        const late = Math.max(0, Date.now() - (this.t0 + segment.startSecond * 1000));
        const seconds = segment.seconds - late / 1000;
        if (seconds <= 0.05) continue;
        this.vus = segment.vus;
        await this.runSegment(segment.vus, segment.stage, seconds);
      }
    } finally {
      clearInterval(ticker);
      this.tick(second);
      for (const line of this.windows.flushAll()) this.channel.push(line);
      this.channel.push({ type: 'end', reason: this.reason, endUnixMs: Date.now(), totals: this.totals });
      this.channel.close();
    }
  }

  private runSegment(vus: number, stage: number, seconds: number): Promise<void> {
    const { apiKey } = this.input;
    return new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: this.input.targetUrl,
          connections: vus,
          duration: seconds,
          timeout: this.plan.limits.timeoutMs / 1000,
          headers: { ...this.picker.headers, ...(apiKey ? { 'api-key': apiKey } : {}) },
          requests: [
            {
              setupRequest: (request, context) => this.setupRequest(request, context as RequestContext, stage),
              onResponse: (status, body, context) => this.readBody(status, body, context as RequestContext),
            },
          ],
          setupClient: (client) => {
            // autocannon reports a timeout only after it has reconnected and set up the next
            // request, so each connection remembers the request it replaced: that is the one
            // that timed out. A connection error is reported before the next request is set up.
            const iterator = requestIteratorOf(client);
            let replaced: InFlight | undefined;
            const nextRequest = iterator.nextRequest.bind(iterator);
            iterator.nextRequest = () => {
              replaced = iterator.context.inFlight;
              return nextRequest();
            };
            // The typings list only a few of Client's events; connError and timeout exist too.
            const events = client as unknown as NodeJS.EventEmitter;
            events.on('connError', (error: Error & { code?: string }) => this.fail(iterator.context.inFlight, classifyTransportError(error)));
            events.on('timeout', () => this.fail(replaced, 'timeout'));
          },
        },
        (error) => (error ? reject(error) : resolve()),
      );
      this.current = instance;
      instance.on('response', (client, statusCode, resBytes, responseTime) => this.complete(requestIteratorOf(client).context.inFlight, statusCode, resBytes, responseTime));
    }).finally(() => {
      // A segment ends with its requests still in flight: autocannon drops them unanswered.
      this.totals.abandoned += this.inFlight.size;
      this.inFlight.clear();
    });
  }

  private setupRequest(request: autocannon.Request, context: RequestContext, stage: number): autocannon.Request {
    const picked = this.picker.next();
    const sentAt = Date.now();
    const inFlight: InFlight = {
      picked,
      sentAt,
      second: Math.floor((sentAt - this.t0) / 1000),
      stage,
      bytesOut: Buffer.byteLength(picked.request.body),
    };
    context.inFlight = inFlight;
    this.inFlight.add(inFlight);
    this.windows.sent(inFlight.second, picked.collection.name, picked.collection.pattern, stage);
    this.totals.scheduled++;
    this.totals.sent++;
    this.tickSent++;
    return { ...request, method: picked.request.method, path: picked.request.path, body: picked.request.body };
  }

  private readBody(status: number, body: string, context: RequestContext): void {
    const inFlight = context.inFlight;
    if (!inFlight) return;
    const reading = readResponse(inFlight.picked.collection.check, body);
    // Qdrant's time is kept from error bodies too, as the Go engine keeps it.
    if (reading.serverUs !== undefined) inFlight.serverUs = reading.serverUs;
    inFlight.error = classifyStatus(status) ?? (reading.shapeOk ? null : 'check');
    const { truth } = inFlight.picked.request;
    if (inFlight.error === null && truth !== undefined && truth.length > 0 && this.recallDue()) inFlight.recall = recallAt(truth, reading.ids ?? []);
  }

  /** recallDue picks every recallEvery-th ok response with ground truth, as the Go engine's recallSampler does. */
  private recallDue(): boolean {
    const every = this.picker.recallEvery;
    return every > 0 && ++this.okWithTruth % every === 0;
  }

  private complete(inFlight: InFlight | undefined, status: number, bytesIn: number, responseTimeMs: number): void {
    if (inFlight) this.record(inFlight, status, inFlight.error ?? classifyStatus(status), responseTimeMs * 1000, bytesIn);
  }

  private fail(inFlight: InFlight | undefined, error: ErrorClass): void {
    if (inFlight) this.record(inFlight, 0, error, (Date.now() - inFlight.sentAt) * 1000, 0);
  }

  /** record ends a request once: a response after a timeout already booked is not counted again. */
  private record(inFlight: InFlight, status: number, error: ErrorClass | null, latencyUs: number, bytesIn: number): void {
    if (!this.inFlight.delete(inFlight)) return;
    const { picked } = inFlight;
    this.windows.add({
      second: inFlight.second,
      collection: picked.collection.name,
      pattern: picked.collection.pattern,
      stage: inFlight.stage,
      status,
      error,
      // In the closed model the intended send time is the actual one: latency and service time agree.
      latencyUs,
      serviceUs: latencyUs,
      ...(inFlight.serverUs === undefined ? {} : { serverUs: inFlight.serverUs }),
      bytesIn,
      bytesOut: inFlight.bytesOut,
      ...(inFlight.recall === undefined ? {} : { recall: inFlight.recall }),
    });
    this.totals.completed++;
    this.tickCompleted++;
    if (error) this.tickFailed++;
    this.tickLatency.recordValue(Math.max(1, Math.round(latencyUs)));
  }

  private tick(second: number): void {
    this.channel.push({
      type: 'tick',
      second,
      target: targetAt(this.plan.stages, second),
      inFlightMax: this.vus,
      inFlight: this.vus,
      connections: this.vus,
      vus: this.vus,
      scheduled: this.tickSent,
      sent: this.tickSent,
      dropped: 0,
      completed: this.tickCompleted,
      failed: this.tickFailed,
      p95Us: this.tickLatency.totalCount > 0 ? this.tickLatency.getValueAtPercentile(95) : 0,
    });
    this.tickSent = 0;
    this.tickCompleted = 0;
    this.tickFailed = 0;
    this.tickLatency.reset();
    const closeBefore = second - Math.ceil(this.plan.limits.timeoutMs / 1000) - 1;
    for (const line of this.windows.flushThrough(closeBefore)) this.channel.push(line);
  }
}

/** requestIteratorOf reaches autocannon's per-connection request iterator, which its typings do not list. */
function requestIteratorOf(client: autocannon.Client): { context: RequestContext; nextRequest(): unknown } {
  return (client as unknown as { requestIterator: { context: RequestContext; nextRequest(): unknown } }).requestIterator;
}
