import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadMix, loadProfile } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import { buildPlan } from '../plan/build.ts';
import { ERROR_CLASSES, type TickLine, type WindowLine } from '../runfolder/engine-lines.ts';
import { encodeHistogram, newHistogram } from '../runfolder/histogram.ts';
import { LiveMetrics, pushMetrics, serveMetrics } from './live-metrics.ts';

const plan = buildPlan({ profileName: 'spike', profile: loadProfile('spike').definition, mix: loadMix(DEFAULT_MIX_FILE), form: 'lab' });

function window(collection: string, latenciesUs: number[], overrides: Partial<WindowLine> = {}): WindowLine {
  const histogram = newHistogram();
  for (const value of latenciesUs) histogram.recordValue(value);
  return {
    type: 'window', second: 3, collection, pattern: 'similarity_search', stage: 1,
    scheduled: latenciesUs.length, sent: latenciesUs.length, dropped: 0, completed: latenciesUs.length, ok: latenciesUs.length,
    codes: { '200': latenciesUs.length }, errors: Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as WindowLine['errors'],
    latency: encodeHistogram(histogram), bytesIn: 0, bytesOut: 0, ...overrides,
  };
}

const tick: TickLine = { type: 'tick', second: 3, target: 800, inFlightMax: 12, inFlight: 9, connections: 40, vus: 0, scheduled: 800, sent: 800, dropped: 0, completed: 790, failed: 4, p95Us: 25_000 };

describe('LiveMetrics', () => {
  it('serves counts, gauges and a latency histogram replayed from the windows', async () => {
    const metrics = new LiveMetrics(plan);
    metrics.attach('run-1');
    metrics.addTick(tick);
    metrics.addWindow(window('mixtral', [800, 800, 3000, 40_000]));
    const failed = window('hermes', [2000]);
    metrics.addWindow({ ...failed, ok: 0, dropped: 5, errors: { ...failed.errors, status5xx: 1 } });
    const server = await serveMetrics(metrics.registry, 0);
    try {
      const text = await (await fetch(server.url)).text();
      expect(text).toContain('vecstress_offered_load{profile="spike"} 800');
      expect(text).toContain('vecstress_latency_p95_seconds{profile="spike"} 0.025');
      expect(text).toContain('vecstress_requests_total{collection="mixtral",outcome="ok",profile="spike"} 4');
      expect(text).toContain('vecstress_requests_total{collection="hermes",outcome="status5xx",profile="spike"} 1');
      expect(text).toContain('vecstress_dropped_total{collection="hermes",profile="spike"} 5');
      expect(text).toContain('vecstress_latency_seconds_bucket{le="0.001",profile="spike",collection="mixtral"} 2');
      expect(text).toContain('vecstress_latency_seconds_bucket{le="0.005",profile="spike",collection="mixtral"} 3');
      expect(text).toContain('vecstress_latency_seconds_count{profile="spike",collection="mixtral"} 4');
      expect(text).toContain('vecstress_run_info{run_id="run-1",form="lab",model="open",profile="spike"} 1');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('pushes to a Pushgateway under job vecstress, grouped by run', async () => {
    const received: Array<{ method?: string; url?: string; body: string }> = [];
    const gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const metrics = new LiveMetrics(plan);
      metrics.attach('run-2');
      metrics.addTick(tick);
      await pushMetrics(metrics.registry, `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`, 'run-2');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ method: 'POST', url: '/metrics/job/vecstress/run_id/run-2' });
      expect(received[0]!.body).toContain('vecstress_completed_per_second{profile="spike"} 790');
    } finally {
      gateway.close();
    }
  });
});
