import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRESS_FLAGS } from '../../test/helpers/stress-flags.ts';
import { ConfigError } from './errors.ts';
import { resolveStressConfig, type StressConfig, type StressFlags } from './stress.ts';

/** targetFile writes a target file naming its API key variable and a Redis, stats page and Prometheus. */
function targetFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vecstress-config-')), 'prod.yaml');
  writeFileSync(
    file,
    [
      'balancer: http://lb.file:6333',
      'gateway: http://gw.file:8080',
      'nodes: [http://n1.file:6333]',
      'apiKeyEnv: PROD_API_KEY',
      'redis: redis://redis.file:6379',
      'haproxyStats: http://lb.file:8404/stats;csv',
      'prometheus: http://prom.file:9090',
    ].join('\n'),
  );
  return file;
}

function remote(config: StressConfig) {
  if (config.target.kind !== 'url') throw new Error(`expected a remote target, got ${config.target.kind}`);
  return config.target;
}

function problemsOf(flags: Partial<StressFlags>, env: Record<string, string> = {}): string {
  try {
    resolveStressConfig({ ...STRESS_FLAGS, ...flags }, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the stress config, consolidated from files < environment < flags', () => {
  it('takes every endpoint of a remote target from its target file', () => {
    const target = remote(resolveStressConfig({ ...STRESS_FLAGS, targetFile: targetFile() }, { PROD_API_KEY: 'from-file-env' }));
    expect(target.endpoints).toEqual({
      balancer: 'http://lb.file:6333',
      gateway: 'http://gw.file:8080',
      nodes: ['http://n1.file:6333'],
      redis: 'redis://redis.file:6379',
      haproxyStats: 'http://lb.file:8404/stats;csv',
      prometheus: 'http://prom.file:9090',
    });
    expect(target.apiKey).toBe('from-file-env');
  });

  it('lets each flag win over the target file, endpoint by endpoint', () => {
    const config = resolveStressConfig(
      { ...STRESS_FLAGS, targetFile: targetFile(), target: 'http://lb.flag:6333', nodes: ['http://n1.flag:6333'], redis: 'redis://redis.flag:6379', nginxStatus: 'http://lb.flag:8081/nginx_status', apiKey: 'from-flag' },
      { PROD_API_KEY: 'from-file-env', VECSTRESS_API_KEY: 'from-env' },
    );
    const target = remote(config);
    expect(target.endpoints).toEqual({
      balancer: 'http://lb.flag:6333',
      gateway: 'http://gw.file:8080',
      nodes: ['http://n1.flag:6333'],
      redis: 'redis://redis.flag:6379',
      haproxyStats: 'http://lb.file:8404/stats;csv',
      nginxStatus: 'http://lb.flag:8081/nginx_status',
      prometheus: 'http://prom.file:9090',
    });
    expect(target.apiKey).toBe('from-flag');
  });

  it('takes --repeat as a whole number of runs from 1 to 50, default 1', () => {
    expect(resolveStressConfig(STRESS_FLAGS, {}).run.repeat).toBe(1);
    expect(resolveStressConfig({ ...STRESS_FLAGS, repeat: 3 }, {}).run.repeat).toBe(3);
    for (const repeat of [0, 51, 2.5]) expect(problemsOf({ repeat })).toMatch(new RegExp(`--repeat: must be a whole number of runs from 1 to 50, got ${repeat}`));
  });

  it('refuses --prometheus without the target’s hosts, which would read every host of a shared Prometheus', () => {
    expect(problemsOf({ target: 'http://lb:6333', prometheus: 'http://prom:9090' })).toMatch(/--prometheus: Prometheus needs the target’s hosts: give --nodes/);
  });

  it('reads the API key from VECSTRESS_API_KEY when neither a flag nor a target file gives one', () => {
    expect(remote(resolveStressConfig({ ...STRESS_FLAGS, target: 'http://lb:6333' }, { VECSTRESS_API_KEY: 'from-env' })).apiKey).toBe('from-env');
    expect(remote(resolveStressConfig({ ...STRESS_FLAGS, target: 'http://lb:6333' }, {})).apiKey).toBeUndefined();
  });

  it("reads the lab's state folder and Qdrant binary from the environment", () => {
    expect(resolveStressConfig(STRESS_FLAGS, { VECSTRESS_LAB_DIR: '/tmp/my-lab', QDRANT_BIN: '/opt/qdrant' }).target).toEqual({ kind: 'lab', stateDir: '/tmp/my-lab', qdrantBin: '/opt/qdrant' });
  });

  it('keeps the run options and every flag as given, for run.json', () => {
    const config = resolveStressConfig({ ...STRESS_FLAGS, sampleInterval: 500, metricsPort: 0, pushgateway: 'http://pgw:9091' }, {});
    expect(config.run).toMatchObject({ sampleIntervalMs: 500, metricsPort: 0, pushgateway: 'http://pgw:9091', flags: { profile: 'spike', sampleInterval: 500 } });
    expect(config.run.baseline).toBeUndefined();
  });
});

describe('names and paths accepted from before, each with a one-line notice', () => {
  it('reads --engine vegeta as vecstress, its own Go engine built on vegeta', () => {
    const config = resolveStressConfig({ ...STRESS_FLAGS, engine: 'vegeta' }, {});
    expect(config.engine).toBe('vecstress');
    expect(config.notices).toEqual([`--engine vegeta is now --engine vecstress: vecstress's own Go engine, built on vegeta's attack library ("vegeta" is kept as an alias)`]);
  });

  it('has no notice for the names of today', () => {
    expect(resolveStressConfig(STRESS_FLAGS, {}).notices).toEqual([]);
  });

  it('still refuses an engine it does not know, listing the known ones', () => {
    expect(problemsOf({ engine: 'k6' })).toContain('--engine: "k6" is not one of vecstress, autocannon');
  });
});

describe('problems found before any load', () => {
  it('a target file with the lab', () => {
    expect(problemsOf({ target: 'lab', targetFile: targetFile() }, { PROD_API_KEY: 'k' })).toContain('--target-file: a target file describes a remote cluster; it cannot be used with --target lab');
  });

  it('a target file that does not load: its own problems, not a lab it never asked for', () => {
    // PROD_API_KEY unset: the file fails to load, so its balancer is unknown.
    const problems = problemsOf({ targetFile: targetFile() });
    expect(problems).toContain('apiKeyEnv: environment variable PROD_API_KEY is not set');
    expect(problems).not.toContain('--target lab');
  });
});
