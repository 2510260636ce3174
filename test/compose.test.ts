import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadTargetFile } from '../src/targets/target-file.ts';
import { PROJECT_ROOT } from '../src/config/paths.ts';

// docker-compose.yml is for users with Docker; here it is checked the way Compose itself reads it.
describe('docker-compose.yml', () => {
  it('is a valid Compose file with the cluster, the balancer, Redis, Prometheus and Grafana', () => {
    const result = spawnSync('docker-compose', ['config', '--services'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(result.error, 'docker-compose is installed by npm run setup').toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n').sort()).toEqual(['grafana', 'haproxy', 'prometheus', 'qdrant-1', 'qdrant-2', 'qdrant-3', 'redis']);
  });

  it('gives HAProxy a configuration it accepts', () => {
    const result = spawnSync('haproxy', ['-c', '-f', join(PROJECT_ROOT, 'deploy', 'haproxy', 'haproxy.cfg')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toContain('Configuration file is valid');
  });
});

describe('targets/compose.yaml', () => {
  it('points at the ports docker-compose.yml publishes: the balancer, each node, Redis and the stats', () => {
    const config = parse(spawnSync('docker-compose', ['config'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout) as {
      services: Record<string, { ports?: Array<string | { published: number | string; target: number }> }>;
    };
    const published = (service: string, target: number): number => {
      for (const port of config.services[service]!.ports ?? []) {
        if (typeof port === 'string' && port.replace(/\/tcp$/, '').endsWith(`:${target}`)) return Number(port.split(':').at(-2));
        if (typeof port === 'object' && port.target === target) return Number(port.published);
      }
      throw new Error(`${service} publishes no port for ${target}`);
    };
    const target = loadTargetFile(join(PROJECT_ROOT, 'targets', 'compose.yaml'), {});
    expect(new URL(target.balancer).port).toBe(String(published('haproxy', 6333)));
    expect(target.nodes.map((n) => Number(new URL(n).port))).toEqual(['qdrant-1', 'qdrant-2', 'qdrant-3'].map((s) => published(s, 6333)));
    expect(Number(new URL(target.redis!).port)).toBe(published('redis', 6379));
    expect(Number(new URL(target.haproxyStats!).port)).toBe(published('haproxy', 8404));
  });
});
