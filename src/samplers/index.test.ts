import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startSamplers } from './index.ts';
import { collector, freePort, qdrantFixture, startFixtureServer, type FixtureServer } from './testdata/helpers.ts';

const NO_ENGINE = { enginePid: () => undefined };

describe('startSamplers', () => {
  const servers: FixtureServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('keeps running with every endpoint down: gaps for each, one warning per sampler, statuses from stop()', async () => {
    const closed = await freePort();
    const out = collector();
    const set = startSamplers(
      {
        endpoints: {
          nodes: [`http://127.0.0.1:${closed}`],
          redis: `redis://127.0.0.1:${closed}`,
          haproxyStats: `http://127.0.0.1:${closed}/stats;csv`,
          nginxStatus: `http://127.0.0.1:${closed}/nginx_status`,
        },
        collections: ['bench'],
        localProcesses: [{ name: 'gone', pid: 2 ** 22 + 1 }],
        generator: NO_ENGINE,
        intervalMs: 250,
      },
      out.sink,
      out.warn,
    );
    await sleep(2300);
    const stopping = Date.now();
    const statuses = await set.stop();
    expect(Date.now() - stopping).toBeLessThan(1500);

    const byName = Object.fromEntries(statuses.map((status) => [status.name, status]));
    const failing = ['qdrant-metrics', 'qdrant-telemetry', 'qdrant-collections', 'qdrant-cluster', 'redis-latency', 'redis-info', 'haproxy', 'nginx', 'target-process'];
    expect(Object.keys(byName).sort()).toEqual([...failing, 'generator'].sort());
    for (const name of failing) {
      expect(byName[name], name).toMatchObject({ status: 'failed', samples: 0 });
      expect(byName[name]!.gaps, name).toBeGreaterThan(0);
      expect(out.lines.some((line) => line.type === 'gap' && line.sampler === name)).toBe(true);
    }
    expect(byName['qdrant-metrics']!.lastError).toMatch(/ECONNREFUSED/);
    expect(byName['target-process']!.lastError).toBe(`process ${2 ** 22 + 1} is not running`);
    expect(byName.generator).toMatchObject({ status: 'ok', gaps: 0 });
    expect(byName.generator!.samples).toBeGreaterThan(3);
    // One warning per failing sampler, however many gaps it wrote.
    expect(out.warnings).toHaveLength(failing.length);
    expect(out.lines.filter((line) => line.type === 'gap').length).toBeGreaterThan(failing.length * 2);
  });

  it('gives up on a node that does not answer within half the interval, and stop() does not wait for it', async () => {
    const silent = await startFixtureServer(() => ({ body: qdrantFixture('metrics.txt'), delayMs: 60_000 }));
    servers.push(silent);
    const out = collector();
    const set = startSamplers({ endpoints: { nodes: [silent.url] }, collections: ['bench'], intervalMs: 400, generator: NO_ENGINE }, out.sink, out.warn);
    await sleep(1300);
    const stopping = Date.now();
    const statuses = await set.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);
    const metrics = statuses.find((status) => status.name === 'qdrant-metrics')!;
    expect(metrics).toMatchObject({ status: 'failed', lastError: 'no answer within 200 ms' });
    expect(metrics.gaps).toBeGreaterThanOrEqual(2);
  });

  it('records garbage answers as gaps that say what was wrong', async () => {
    const garbage = await startFixtureServer(() => ({ body: '<html><body>502 Bad Gateway</body></html>' }));
    servers.push(garbage);
    const out = collector();
    const set = startSamplers({ endpoints: { nodes: [garbage.url] }, collections: ['bench'], intervalMs: 300, generator: NO_ENGINE }, out.sink, out.warn);
    await sleep(700);
    const byName = Object.fromEntries((await set.stop()).map((status) => [status.name, status]));
    expect(byName['qdrant-metrics']!.lastError).toMatch(/^not Prometheus text at line 1/);
    expect(byName['qdrant-telemetry']!.lastError).toMatch(/answered something other than JSON/);
    expect(byName['qdrant-cluster']!.lastError).toMatch(/answered something other than JSON/);
  });

  it('never writes the API key or a password from a URL, in lines or in warnings', async () => {
    const node = await startFixtureServer((path) => (path === '/cluster' ? { status: 403, body: '{"status":{"error":"bad api-key sekret-api-key-1"}}' } : undefined));
    servers.push(node);
    const stats = await startFixtureServer(() => ({ status: 401, body: 'auth for admin:st4ts-passw0rd failed' }));
    servers.push(stats);
    const closed = await freePort();
    const out = collector();
    const set = startSamplers(
      {
        endpoints: {
          nodes: [node.url],
          haproxyStats: stats.url.replace('http://', 'http://admin:st4ts-passw0rd@') + '/stats;csv',
          redis: `redis://:r3dis-passw0rd@127.0.0.1:${closed}`,
        },
        apiKey: 'sekret-api-key-1',
        collections: ['bench'],
        generator: NO_ENGINE,
        intervalMs: 300,
      },
      out.sink,
      out.warn,
    );
    await sleep(1200);
    const statuses = await set.stop();
    const written = JSON.stringify({ lines: out.lines, warnings: out.warnings, statuses });
    expect(written).toContain('HTTP 403 from GET /cluster');
    expect(written).toContain('HTTP 401 from GET /stats;csv');
    for (const secret of ['sekret-api-key-1', 'st4ts-passw0rd', 'r3dis-passw0rd']) expect(written).not.toContain(secret);
    expect(statuses.find((status) => status.name === 'haproxy')!.source).toBe(stats.url.replace('http://', 'http://admin:***@') + '/stats;csv');
    // The stats page got the password as Basic auth, not in the URL.
    expect(stats.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('admin:st4ts-passw0rd').toString('base64')}`);
  });
});
