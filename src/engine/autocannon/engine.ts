import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { targetAt } from '../../plan/shape.ts';
import type { Plan } from '../../plan/types.ts';
import { ENGINE_PROTOCOL_VERSION, type EngineLine, type ErrorClass } from '../../runfolder/engine-lines.ts';
import { newHistogram } from '../../runfolder/histogram.ts';
import { LineChannel } from '../line-channel.ts';
import { RequestPicker, type PickedRequest } from '../request-picker.ts';
import { classifyStatus, classifyTransportError, readResponse, recallAt } from '../response-check.ts';
import type { Engine, EngineExit, EngineInput, EngineRun } from '../types.ts';
import { WindowAccumulator } from '../window-accumulator.ts';
import { closedSegments } from './segments.ts';

const AUTOCANNON_VERSION = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;

/** What one in-flight request carries in autocannon's per-connection context. */
interface RequestContext {
  picked?: PickedRequest;
  second?: number;
  stage?: number;
  bytesOut?: number;
  status?: number;
  error?: ErrorClass | null;
  serverUs?: number;
  recall?: number;
}

/**
 * autocannonEngine is the pure-npm engine, for closed-model runs only: autocannon's rate option is
 * a per-second burst quota rather than pacing (see ../shared/guide/engine.md), so open-model
 * latencies would hide coordinated omission. It runs one autocannon instance per segment of
 * constant VUs and writes the same windows, ticks and lines as the Go engine.
 */
export const autocannonEngine: Engine = {
  name: 'autocannon',

  async check() {
    return { version: AUTOCANNON_VERSION, builtWith: { autocannon: AUTOCANNON_VERSION, node: process.version } };
  },

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
  private sent = 0;

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
    this.t0 = Date.now();
    this.channel.push({ type: 'start', protocol: ENGINE_PROTOCOL_VERSION, engine: 'autocannon', version: AUTOCANNON_VERSION, builtWith: { node: process.version }, model: 'closed', startUnixMs: this.t0 });
    let second = 0;
    const ticker = setInterval(() => this.tick(second++), 1000);
    try {
      for (const segment of closedSegments(this.plan)) {
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
    return new Promise((resolve, reject) => {
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
            // The typings list only a few of Client's events; connError and timeout exist too.
            const events = client as unknown as NodeJS.EventEmitter;
            events.on('connError', (error: Error & { code?: string }) => this.fail(client, classifyTransportError(error)));
            // autocannon has already moved this connection on to its next request when it reports
            // a timeout, so the timeout is booked to the collection and second of that request.
            events.on('timeout', () => this.fail(client, 'timeout'));
          },
        },
        (error) => (error ? reject(error) : resolve()),
      );
      this.current = instance;
      instance.on('response', (client, statusCode, resBytes, responseTime) => this.complete(client, statusCode, resBytes, responseTime));
    });
  }

  private setupRequest(request: autocannon.Request, context: RequestContext, stage: number): autocannon.Request {
    const picked = this.picker.next();
    context.picked = picked;
    context.second = Math.floor((Date.now() - this.t0) / 1000);
    context.stage = stage;
    context.bytesOut = Buffer.byteLength(picked.request.body);
    this.windows.sent(context.second, picked.collection.name, picked.collection.pattern, stage);
    this.totals.scheduled++;
    this.totals.sent++;
    this.tickSent++;
    this.sent++;
    return { ...request, method: picked.request.method, path: picked.request.path, body: picked.request.body };
  }

  private readBody(status: number, body: string, context: RequestContext): void {
    const picked = context.picked!;
    context.status = status;
    context.error = classifyStatus(status);
    if (context.error !== null) return;
    const reading = readResponse(picked.collection.check, body);
    if (!reading.shapeOk) context.error = 'check';
    if (reading.serverUs !== undefined) context.serverUs = reading.serverUs;
    const { truth } = picked.request;
    if (truth && reading.ids && this.picker.recallEvery > 0 && this.sent % this.picker.recallEvery === 0) context.recall = recallAt(reading.ids, truth);
  }

  private complete(client: autocannon.Client, status: number, bytesIn: number, responseTimeMs: number): void {
    const context = contextOf(client);
    if (!context.picked) return;
    this.record(context, status, context.error ?? null, responseTimeMs * 1000, bytesIn);
  }

  private fail(client: autocannon.Client, error: ErrorClass): void {
    const context = contextOf(client);
    if (!context.picked) return;
    const elapsedUs = (Date.now() - (this.t0 + context.second! * 1000)) * 1000;
    this.record(context, 0, error, elapsedUs, 0);
  }

  private record(context: RequestContext, status: number, error: ErrorClass | null, latencyUs: number, bytesIn: number): void {
    const picked = context.picked!;
    this.windows.add({
      second: context.second!,
      collection: picked.collection.name,
      pattern: picked.collection.pattern,
      stage: context.stage!,
      status,
      error,
      // In the closed model the intended send time is the actual one: latency and service time agree.
      latencyUs,
      serviceUs: latencyUs,
      ...(context.serverUs === undefined ? {} : { serverUs: context.serverUs }),
      bytesIn,
      bytesOut: context.bytesOut ?? 0,
      ...(context.recall === undefined ? {} : { recall: context.recall }),
    });
    this.totals.completed++;
    this.tickCompleted++;
    if (error) this.tickFailed++;
    this.tickLatency.recordValue(Math.max(1, Math.round(latencyUs)));
    context.picked = undefined;
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

function contextOf(client: autocannon.Client): RequestContext {
  return (client as unknown as { requestIterator: { context: RequestContext } }).requestIterator.context;
}
