import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpEndpoint, samplerAgent } from './http.ts';
import { nginxData, nginxReader } from './nginx.ts';
import { pollingSampler } from './poller.ts';
import type { SampleOutput } from './sampler.ts';
import { collector, freePort, startServer, waitFor, type ServerProcess } from './testdata/helpers.ts';

describe('nginxData', () => {
  const status = { activeConnections: 3, accepts: 10, handled: 10, requests: 100 };

  it('has no request rate on the first reading, and leaves its own status request out after', () => {
    expect(nginxData(status)).toEqual({ source: 'nginx', servers: [], activeConnections: 3 });
    expect(nginxData({ ...status, requests: 141 }, { status, elapsedMs: 2000 }).requestsPerSecond).toBe(20);
    expect(nginxData({ ...status, requests: 101 }, { status, elapsedMs: 1000 }).requestsPerSecond).toBe(0);
  });
});

describe('nginxReader against a real nginx', () => {
  let nginx: ServerProcess | undefined;
  afterEach(async () => {
    await nginx?.stop();
    nginx = undefined;
  });

  it('reads stub_status: active connections and the requests served between readings', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'vecstress-nginx-'));
    mkdirSync(join(dir, 'temp'));
    const config = join(dir, 'nginx.conf');
    writeFileSync(
      config,
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        'events { worker_connections 64; }',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/temp/${kind};`),
        `  server { listen 127.0.0.1:${port}; location = /nginx_status { stub_status; } location / { return 200 "ok"; } }`,
        '}',
        '',
      ].join('\n'),
    );
    nginx = startServer('nginx', ['-c', config, '-e', join(dir, 'error.log')]);
    const statusUrl = `http://127.0.0.1:${port}/nginx_status`;
    await waitFor(`nginx listening (${nginx.output()})`, () => fetch(statusUrl).then((response) => response.ok, () => false));

    const agent = samplerAgent();
    const out = collector();
    const sampler = pollingSampler(nginxReader(statusUrl, new HttpEndpoint(statusUrl, agent), 500), out.output);
    sampler.start();
    await sleep(700);
    for (let i = 0; i < 30; i++) await (await fetch(`http://127.0.0.1:${port}/`)).text();
    await sleep(1200);
    const status = await sampler.stop();
    await agent.close();

    const samples = out.lines.filter((line): line is Extract<SampleOutput, { type: 'sample'; kind: 'balancer' }> => line.type === 'sample' && line.kind === 'balancer');
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(samples.every((line) => line.data.source === 'nginx' && (line.data.activeConnections ?? 0) >= 1)).toBe(true);
    // The 30 requests fall into one or two intervals of about 0.5 s; the quiet ones count nothing.
    const served = samples.map((line) => line.data.requestsPerSecond).filter((rate): rate is number => rate !== undefined);
    expect(Math.min(...served)).toBe(0);
    const total = served.reduce((sum, rate) => sum + rate * 0.5, 0);
    expect(total).toBeGreaterThan(30 * 0.5);
    expect(total).toBeLessThan(30 * 2);
    expect(status).toMatchObject({ name: 'nginx', status: 'ok', gaps: 0 });
  });
});
