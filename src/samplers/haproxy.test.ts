import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { haproxyData, haproxyReader } from './haproxy.ts';
import { HttpEndpoint, samplerAgent } from './http.ts';
import { parseHaproxyCsv } from './parsers/haproxy-csv.ts';
import { pollingSampler } from './poller.ts';
import type { SampleOutput } from './sampler.ts';
import { collector, fixture, freePort, startServer, waitFor, type ServerProcess } from './testdata/helpers.ts';

type BalancerLine = Extract<SampleOutput, { type: 'sample'; kind: 'balancer' }>;

describe('haproxyData', () => {
  const rows = parseHaproxyCsv(fixture('haproxy-2.6.csv'));

  it("takes HAProxy's own rate on the first reading, then differences stot", () => {
    expect(haproxyData(rows).servers[0]).toMatchObject({ name: 'node1', backend: 'qdrant', up: true, sessionsPerSecond: 12, checkStatus: 'L7OK' });
    const later = rows.map((row) => ({ ...row, sessionsTotal: row.sessionsTotal + 30 }));
    expect(haproxyData(later, { rows, elapsedMs: 2000 }).servers.map((server) => server.sessionsPerSecond)).toEqual([15, 15]);
    expect(haproxyData(later, { rows, elapsedMs: 2000 }).servers[1]).toMatchObject({ name: 'node2', status: 'DOWN', up: false });
  });
});

/** backend is a tiny HTTP server standing in for a Qdrant node, on a fixed port so it can come back. */
function backend(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    response.end('{"status":"ok"}');
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function closeBackend(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('haproxyReader against a real HAProxy', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows a stopped node DOWN within a few health checks, UP again after its restart, and each node’s sessions', async () => {
    const [frontPort, statsPort, port1, port2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const node1 = await backend(port1);
    cleanups.push(() => closeBackend(node1));
    let node2 = await backend(port2);
    cleanups.push(() => (node2.listening ? closeBackend(node2) : Promise.resolve()));

    const dir = mkdtempSync(join(tmpdir(), 'vecstress-haproxy-'));
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(
      config,
      [
        'defaults',
        '  mode http',
        '  timeout connect 1s',
        '  timeout client 5s',
        '  timeout server 5s',
        'frontend qdrant_in',
        `  bind 127.0.0.1:${frontPort}`,
        '  default_backend qdrant',
        'backend qdrant',
        '  balance roundrobin',
        '  option httpchk GET /healthz',
        '  default-server inter 200ms fall 2 rise 2',
        `  server node1 127.0.0.1:${port1} check`,
        `  server node2 127.0.0.1:${port2} check`,
        'listen stats',
        `  bind 127.0.0.1:${statsPort}`,
        '  stats enable',
        '  stats uri /stats',
        '',
      ].join('\n'),
    );
    const haproxy: ServerProcess = startServer('haproxy', ['-f', config, '-db']);
    cleanups.push(() => haproxy.stop());

    const statsUrl = `http://127.0.0.1:${statsPort}/stats;csv`;
    await waitFor(`HAProxy listening (${haproxy.output()})`, () => fetch(statsUrl).then((response) => response.ok, () => false));
    const agent = samplerAgent();
    cleanups.push(() => agent.close());
    const out = collector();
    const sampler = pollingSampler(haproxyReader(statsUrl, new HttpEndpoint(statsUrl, agent), 250), out.output);
    sampler.start();
    cleanups.push(async () => void (await sampler.stop()));

    const balancerLines = () => out.lines.filter((line): line is BalancerLine => line.type === 'sample' && line.kind === 'balancer');
    const server = (line: BalancerLine, name: string) => line.data.servers.find((s) => s.name === name)!;
    const firstAfter = (t: number, test: (line: BalancerLine) => boolean) => balancerLines().find((line) => line.t >= t && test(line));

    await waitFor(`both nodes UP (${haproxy.output()})`, () => firstAfter(0, (line) => server(line, 'node1').up && server(line, 'node2').up), 20_000);

    // 20 requests, one connection each: HAProxy spreads them round robin.
    const sentFrom = Date.now();
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`http://127.0.0.1:${frontPort}/collections/x/points/query`, { method: 'POST', body: '{}', headers: { connection: 'close' } });
      await response.text();
    }
    const counted = await waitFor('the 20 sessions in a sample', () => {
      const last = balancerLines().at(-1);
      return last && last.t > sentFrom && server(last, 'node1').sessionsTotal + server(last, 'node2').sessionsTotal >= 20 ? last : undefined;
    });
    expect(server(counted, 'node1').sessionsTotal).toBe(10);
    expect(server(counted, 'node2').sessionsTotal).toBe(10);
    const rates = balancerLines().filter((line) => line.t >= sentFrom).map((line) => server(line, 'node1').sessionsPerSecond);
    expect(Math.max(...rates)).toBeGreaterThan(0);

    const stoppedAt = Date.now();
    await closeBackend(node2);
    const down = await waitFor('node2 DOWN', () => firstAfter(stoppedAt, (line) => !server(line, 'node2').up), 20_000);
    // Two failed checks 200 ms apart, read at the next 250 ms sample: well under 3 s on a busy machine.
    expect(down.t - stoppedAt).toBeLessThan(3000);
    expect(server(down, 'node2')).toMatchObject({ status: 'DOWN', checkStatus: 'L4CON' });
    expect(server(down, 'node1').up).toBe(true);

    const restartedAt = Date.now();
    node2 = await backend(port2);
    const up = await waitFor('node2 UP again', () => firstAfter(restartedAt, (line) => server(line, 'node2').status === 'UP'), 20_000);
    expect(up.t - restartedAt).toBeLessThan(3000);
    expect(server(up, 'node2').checkStatus).toBe('L7OK');

    const status = await sampler.stop();
    expect(status).toMatchObject({ name: 'haproxy', kind: 'balancer', status: 'ok', gaps: 0 });
    expect(status.requestsPerSecond).toBeGreaterThan(2);
    // One request per 250 ms reading, plus the one taken at start.
    expect(status.requestsPerSecond).toBeLessThan(6);
  });
});
