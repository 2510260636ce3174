import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Pushgateway, Registry } from 'prom-client';
import type { Plan } from '../plan/types.ts';
import { decodeHistogram } from '../runfolder/histogram.ts';
import { ERROR_CLASSES, type TickLine, type WindowLine } from '../runfolder/engine-lines.ts';

/** Latency buckets in seconds: sub-millisecond loopback up to the default 10 s timeout. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * LiveMetrics publishes a run's progress as Prometheus metrics while it goes, for Grafana users:
 * on a scrape endpoint (--metrics-port) or pushed to a Pushgateway (--pushgateway). Labels stay
 * few and fixed (profile, collection, outcome); the run id is only in vecstress_run_info.
 */
export class LiveMetrics {
  readonly registry = new Registry();
  private readonly offered: Gauge;
  private readonly achieved: Gauge;
  private readonly inFlight: Gauge;
  private readonly connections: Gauge;
  private readonly p95: Gauge;
  private readonly requests: Counter;
  private readonly dropped: Counter;
  private readonly latency: Histogram;
  private readonly info: Gauge;

  constructor(private readonly plan: Plan) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ profile: plan.profile });
    this.info = new Gauge({ name: 'vecstress_run_info', help: 'The run being measured', labelNames: ['run_id', 'form', 'model'], registers });
    this.offered = new Gauge({ name: 'vecstress_offered_load', help: `The plan's target this second (${plan.unit})`, registers });
    this.achieved = new Gauge({ name: 'vecstress_completed_per_second', help: 'Requests completed in the last second', registers });
    this.inFlight = new Gauge({ name: 'vecstress_requests_in_flight', help: 'Requests in flight at the end of the last second', registers });
    this.connections = new Gauge({ name: 'vecstress_connections_open', help: 'Connections the engine holds open', registers });
    this.p95 = new Gauge({ name: 'vecstress_latency_p95_seconds', help: 'p95 latency of the requests completed in the last second', registers });
    this.requests = new Counter({ name: 'vecstress_requests_total', help: 'Completed requests by collection and outcome (ok or an error class)', labelNames: ['collection', 'outcome'], registers });
    this.dropped = new Counter({ name: 'vecstress_dropped_total', help: 'Open-model arrivals dropped at the in-flight bound', labelNames: ['collection'], registers });
    this.latency = new Histogram({ name: 'vecstress_latency_seconds', help: 'Latency from the intended send time', labelNames: ['collection'], buckets: LATENCY_BUCKETS, registers });
  }

  /** attach names the run, once its folder exists. */
  attach(runId: string): void {
    this.info.set({ run_id: runId, form: this.plan.form, model: this.plan.model }, 1);
  }

  addTick(tick: TickLine): void {
    this.offered.set(tick.target);
    this.achieved.set(tick.completed);
    this.inFlight.set(tick.inFlight);
    this.connections.set(tick.connections);
    this.p95.set(tick.p95Us / 1e6);
  }

  /** addWindow counts a closed window: windows arrive once the timeout has passed, so counts trail by that much. */
  addWindow(window: WindowLine): void {
    const collection = window.collection;
    if (window.ok > 0) this.requests.inc({ collection, outcome: 'ok' }, window.ok);
    for (const errorClass of ERROR_CLASSES) {
      if (window.errors[errorClass] > 0) this.requests.inc({ collection, outcome: errorClass }, window.errors[errorClass]);
    }
    if (window.dropped > 0) this.dropped.inc({ collection }, window.dropped);
    if (!window.latency) return;
    // Replays the window's exact histogram into the Prometheus buckets, value by recorded value.
    const histogram = decodeHistogram(window.latency.hist);
    for (const { value, count } of recordedValues(histogram)) {
      for (let i = 0; i < count; i++) this.latency.observe({ collection }, value / 1e6);
    }
  }
}

function recordedValues(histogram: ReturnType<typeof decodeHistogram>): Array<{ value: number; count: number }> {
  const values: Array<{ value: number; count: number }> = [];
  const iterator = (histogram as unknown as { recordedValuesIterator: { reset(): void; hasNext(): boolean; next(): { valueIteratedTo: number; countAtValueIteratedTo: number } } }).recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    values.push({ value: step.valueIteratedTo, count: step.countAtValueIteratedTo });
  }
  return values;
}

/** serveMetrics exposes the registry on 127.0.0.1:port/metrics; port 0 picks a free one. */
export async function serveMetrics(registry: Registry, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}/metrics`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** pushMetrics pushes the registry to a Pushgateway under job "vecstress", grouped by run. */
export async function pushMetrics(registry: Registry, gatewayUrl: string, runId: string): Promise<void> {
  await new Pushgateway(gatewayUrl, { timeout: 2000 }, registry).pushAdd({ jobName: 'vecstress', groupings: { run_id: runId } });
}
