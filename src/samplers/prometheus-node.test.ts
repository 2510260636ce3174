import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeInstancePattern, queryPrometheusNode } from './prometheus-node.ts';
import { fixture, freePort, startServer, waitFor, type ServerProcess } from './testdata/helpers.ts';

/** fakePrometheus answers query_range with the recorded answer for the metric the query names. */
async function fakePrometheus(answer: (query: string) => { status: number; body: string }): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? '';
    const { status, body } = answer(query);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, server };
}

const RECORDED: Record<string, string> = {
  node_cpu_seconds_total: 'prometheus/range-cpu.json',
  node_memory_MemAvailable_bytes: 'prometheus/range-mem.json',
  node_disk_read_bytes_total: 'prometheus/range-disk.json',
  node_network_receive_bytes_total: 'prometheus/range-net.json',
};

function recorded(query: string, failing?: string): { status: number; body: string } {
  const metric = Object.keys(RECORDED).find((name) => query.includes(name));
  if (!metric || metric === failing) return { status: 400, body: fixture('prometheus/range-error.json') };
  return { status: 200, body: fixture(RECORDED[metric]!) };
}

/** LOCAL selects the node_exporter instances on 127.0.0.1, the recorded answers' host. */
const LOCAL = nodeInstancePattern(['http://127.0.0.1:6333']);

describe('queryPrometheusNode', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('merges the CPU, memory, disk and network series into one sample per instance and step', async () => {
    const prometheus = await fakePrometheus((query) => recorded(query));
    server = prometheus.server;
    const lines = await queryPrometheusNode(prometheus.url, 1_795_514_035_000, 1_795_514_050_000, 5, LOCAL);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      type: 'sample',
      kind: 'prometheus-node',
      sampler: 'prometheus-node',
      source: '127.0.0.1:19100',
      t: 1_795_514_035_305,
      data: { cpuPercent: 45.625, memoryUsedPercent: 3.133, diskBytesPerSecond: 98_156_544, networkBitsPerSecond: 8192 },
    });
    expect(lines.map((line) => line.t)).toEqual([1_795_514_035_305, 1_795_514_040_305, 1_795_514_045_305, 1_795_514_050_305]);

    const params = prometheus.requests.map((request) => new URL(request.url!, 'http://x').searchParams);
    expect(params.map((p) => [p.get('start'), p.get('end'), p.get('step')])).toEqual(Array(4).fill(['1795514035', '1795514050', '5']));
    // A rate window of at least a minute: node_exporter is often scraped every 15 s.
    expect(params.find((p) => p.get('query')!.includes('node_cpu_seconds_total'))!.get('query')).toContain('[60s]');
  });

  it('turns a failed query into a gap naming it, keeping the other fields', async () => {
    const prometheus = await fakePrometheus((query) => recorded(query, 'node_disk_read_bytes_total'));
    server = prometheus.server;
    const lines = await queryPrometheusNode(`http://admin:pr0m-pw@127.0.0.1:${new URL(prometheus.url).port}`, 1_795_514_035_000, 1_795_514_050_000, 5, LOCAL);
    const gaps = lines.filter((line) => line.type === 'gap');
    expect(gaps).toEqual([
      {
        type: 'gap',
        kind: 'prometheus-node',
        sampler: 'prometheus-node',
        source: `http://admin:***@127.0.0.1:${new URL(prometheus.url).port}/`,
        t: 1_795_514_050_000,
        error: 'diskBytesPerSecond query: HTTP 400 from GET /api/v1/query_range: {"status":"error","errorType":"bad_data","error":"1:8: parse error: missing unit character in duration"}',
      },
    ]);
    const samples = lines.filter((line) => line.type === 'sample');
    expect(samples).toHaveLength(4);
    expect(samples[0]).not.toHaveProperty('data.diskBytesPerSecond');
    // Credentials in the URL become Basic auth, and never appear in a line.
    expect(prometheus.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('admin:pr0m-pw').toString('base64')}`);
    expect(JSON.stringify(lines)).not.toContain('pr0m-pw');
  });

  it('widens the step so a long run stays under Prometheus’s 11,000 points per series', async () => {
    const prometheus = await fakePrometheus((query) => recorded(query));
    server = prometheus.server;
    await queryPrometheusNode(prometheus.url, 0, 6 * 3600 * 1000, 1, LOCAL);
    const step = Number(new URL(prometheus.requests[0]!.url!, 'http://x').searchParams.get('step'));
    expect(6 * 3600 / step).toBeLessThanOrEqual(10_000);
  });

  it('gives one gap per query when Prometheus is unreachable, within its timeout', async () => {
    const started = Date.now();
    const lines = await queryPrometheusNode('http://127.0.0.1:1', 0, 60_000, 1, LOCAL, { timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.type === 'gap' && /ECONNREFUSED/.test(line.error))).toBe(true);
  });
});

/**
 * sharedPrometheus holds node_exporter CPU for two hosts, as a shared Prometheus does: the target's
 * node 10.0.0.11 idle (2 % busy) and another team's 10.0.0.99 at 100 %. It applies the query's
 * instance matcher the way Prometheus does (an anchored regex), so an unscoped query sees both.
 */
function sharedPrometheus(query: string): { status: number; body: string } {
  const cpu: Record<string, number> = { '10.0.0.11:9100': 2, '10.0.0.99:9100': 100 };
  const quoted = /instance=~("(?:[^"\\]|\\.)*")/.exec(query)?.[1];
  const matches = (instance: string): boolean => quoted === undefined || new RegExp(`^(?:${JSON.parse(quoted) as string})$`).test(instance);
  const result = Object.entries(cpu)
    .filter(([instance]) => matches(instance))
    .map(([instance, percent]) => ({ metric: { instance }, values: [[1_795_514_040, String(percent)]] }));
  return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }) };
}

describe('queryPrometheusNode on a shared Prometheus', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('reads the target’s nodes only: the idle node, not the busy host beside it', async () => {
    const prometheus = await fakePrometheus(sharedPrometheus);
    server = prometheus.server;
    const lines = await queryPrometheusNode(prometheus.url, 1_795_514_035_000, 1_795_514_045_000, 5, nodeInstancePattern(['http://10.0.0.11:6333']));
    const samples = lines.filter((line) => line.type === 'sample');
    expect(samples.map((line) => [line.source, line.type === 'sample' && line.kind === 'prometheus-node' ? line.data.cpuPercent : null])).toEqual([['10.0.0.11:9100', 2]]);
    const query = new URL(prometheus.requests[0]!.url!, 'http://x').searchParams.get('query')!;
    expect(query).toContain('instance=~"(10\\\\.0\\\\.0\\\\.11)(:[0-9]+)?"');
  });

  it('takes an instance regex of the target file’s own over the nodes’ hosts', async () => {
    const prometheus = await fakePrometheus(sharedPrometheus);
    server = prometheus.server;
    const lines = await queryPrometheusNode(prometheus.url, 1_795_514_035_000, 1_795_514_045_000, 5, '10\\.0\\.0\\.99:.*');
    expect(lines.filter((line) => line.type === 'sample').map((line) => line.source)).toEqual(['10.0.0.99:9100']);
  });

  it('turns a query that matches no series into a gap saying so, never an all-quiet sample', async () => {
    const prometheus = await fakePrometheus(sharedPrometheus);
    server = prometheus.server;
    const lines = await queryPrometheusNode(prometheus.url, 1_795_514_035_000, 1_795_514_045_000, 5, nodeInstancePattern(['http://10.0.0.12:6333']));
    expect(lines.every((line) => line.type === 'gap')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ type: 'gap', error: expect.stringMatching(/^\w+ query: no series matched instance=~"\(10\\\\\.0\\\\\.0\\\\\.12\)\(:\[0-9\]\+\)\?" over the run$/) });
  });
});

// Debian's prometheus and prometheus-node-exporter, when installed: the PromQL itself is checked.
const PROMETHEUS = ['/usr/bin/prometheus', '/usr/bin/prometheus-node-exporter'];

describe.skipIf(!PROMETHEUS.every((binary) => existsSync(binary)))('queryPrometheusNode against a real Prometheus scraping node_exporter (skipped when not installed)', () => {
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
  });

  it('gets every field for the node_exporter instance', async () => {
    const [exporterPort, prometheusPort] = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), 'vecstress-prometheus-'));
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:${exporterPort}']\n`,
    );
    servers.push(startServer(PROMETHEUS[1]!, [`--web.listen-address=127.0.0.1:${exporterPort}`], 60));
    const prometheus = startServer(PROMETHEUS[0]!, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${prometheusPort}`], 60);
    servers.push(prometheus);
    const url = `http://127.0.0.1:${prometheusPort}`;
    await waitFor(`Prometheus ready (${prometheus.output().slice(-300)})`, () => fetch(`${url}/-/ready`).then((r) => r.ok, () => false), 30_000);
    const start = Date.now();
    // Rates need two scrapes in their window: ask until the newest point has every field.
    const lines = await waitFor(
      'a point with every field',
      async () => {
        await sleep(500);
        const answer = await queryPrometheusNode(url, start, Date.now(), 1, LOCAL);
        const newest = answer.at(-1);
        return newest?.type === 'sample' && newest.kind === 'prometheus-node' && Object.keys(newest.data).length === 4 ? answer : undefined;
      },
      30_000,
    );
    expect(lines.filter((line) => line.type === 'gap')).toEqual([]);
    const last = lines.at(-1)!;
    expect(last).toMatchObject({ type: 'sample', source: `127.0.0.1:${exporterPort}` });
    if (last.type !== 'sample' || last.kind !== 'prometheus-node') throw new Error('expected a prometheus-node sample');
    expect(Object.keys(last.data).sort()).toEqual(['cpuPercent', 'diskBytesPerSecond', 'memoryUsedPercent', 'networkBitsPerSecond']);
    expect(last.data.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(last.data.cpuPercent).toBeLessThanOrEqual(100);
    expect(last.data.memoryUsedPercent).toBeGreaterThan(0);
  });
});
