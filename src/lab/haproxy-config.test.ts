import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendStatuses, renderHaproxyConfig, statsCsvUrl, type HaproxyConfigInput } from './haproxy-config.ts';

const input: HaproxyConfigInput = {
  frontendPort: 16333,
  statsPort: 18404,
  nodes: [
    { name: 'node0', port: 16401 },
    { name: 'node1', port: 16402 },
  ],
  balance: 'leastconn',
  checkIntervalMs: 500,
  maxConnections: 4000,
};

describe('renderHaproxyConfig', () => {
  it('balances the nodes with health checks on /readyz, retries and CSV stats, all on loopback', () => {
    const config = renderHaproxyConfig(input);
    expect(config).toContain('  bind 127.0.0.1:16333\n');
    expect(config).toContain('  bind 127.0.0.1:18404\n');
    expect(config).toContain('  balance leastconn\n');
    expect(config).toContain('  option httpchk GET /readyz\n');
    expect(config).toContain('  default-server inter 500ms fall 2 rise 2\n');
    expect(config).toContain('  server node0 127.0.0.1:16401 check\n  server node1 127.0.0.1:16402 check\n');
    expect(config).toMatch(/retries 2\n {2}option redispatch\n/);
    expect(config).toContain('  stats uri /stats\n');
    expect(config).not.toMatch(/bind (?!127\.0\.0\.1)/);
  });

  it('is accepted by haproxy -c', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vecstress-haproxy-'));
    try {
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, renderHaproxyConfig({ ...input, balance: 'roundrobin' }));
      const output = execFileSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(output).toMatch(/Configuration file is valid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the CSV stats URL exactly', () => {
    expect(statsCsvUrl(18404)).toBe('http://127.0.0.1:18404/stats;csv');
  });
});

describe('backendStatuses', () => {
  it("reads the node rows of HAProxy 2.6's stats CSV, skipping the backend and other proxies", () => {
    const csv = readFileSync(join(import.meta.dirname, 'testdata', 'haproxy-2.6-stats.csv'), 'utf8');
    expect(backendStatuses(csv)).toEqual([
      { name: 'node0', status: 'DOWN' },
      { name: 'node1', status: 'DOWN' },
    ]);
  });

  it('keeps its columns when a quoted field holds commas, and refuses text that is not the stats CSV', () => {
    const csv = [
      '# pxname,svname,check_desc,status,type',
      'qdrant_nodes,node0,"Layer7 wrong status, 503, all shards",DOWN,2',
      'qdrant_nodes,node1,,UP,2',
      'qdrant_nodes,BACKEND,,UP,1',
      'other,node9,,UP,2',
    ].join('\n');
    expect(backendStatuses(csv)).toEqual([
      { name: 'node0', status: 'DOWN' },
      { name: 'node1', status: 'UP' },
    ]);
    expect(() => backendStatuses('<html>503 Service Unavailable</html>')).toThrow(/not HAProxy stats CSV/);
  });
});
