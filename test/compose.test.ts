import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
