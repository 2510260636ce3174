import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/errors.ts';
import { PROJECT_ROOT } from '../config/paths.ts';
import { loadTargetFile } from './target-file.ts';

const ENV = { QDRANT_API_KEY: 'k-123', REDIS_PASSWORD: 'p@ss:word', HAPROXY_STATS_PASSWORD: 'st4ts' };

function targetFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vecstress-target-')), 'prod.yaml');
  writeFileSync(file, text);
  return file;
}

function problems(file: string, env: Record<string, string> = ENV): string {
  try {
    loadTargetFile(file, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadTargetFile', () => {
  it('loads the shipped example, resolving the API key and ${ENV} passwords from the environment', () => {
    const target = loadTargetFile(join(PROJECT_ROOT, 'targets', 'example.yaml'), ENV);
    expect(target).toMatchObject({
      name: 'example',
      balancer: 'http://10.0.0.10:6333',
      nodes: ['http://10.0.0.11:6333', 'http://10.0.0.12:6333', 'http://10.0.0.13:6333'],
      apiKey: 'k-123',
      apiKeyEnv: 'QDRANT_API_KEY',
      prometheus: 'http://10.0.0.30:9090',
    });
    // The password is URL-encoded into place, so "@" and ":" in it do not break the URL.
    expect(new URL(target.redis!).password).toBe(encodeURIComponent('p@ss:word'));
    expect(decodeURIComponent(new URL(target.redis!).password)).toBe('p@ss:word');
    expect(target.haproxyStats).toBe('http://admin:st4ts@10.0.0.10:8404/stats;csv');
  });

  it('needs only the balancer; trailing slashes are dropped', () => {
    const target = loadTargetFile(targetFile('balancer: http://lb:6333/\nnodes: [http://n1:6333/]\n'), {});
    expect(target).toEqual({ name: 'prod', file: expect.any(String), balancer: 'http://lb:6333', nodes: ['http://n1:6333'] });
  });

  it('names the file, line and field of every problem at once', () => {
    const file = targetFile(['balancer: ftp://lb', 'nodes:', '  - not a url', 'redis: http://db:6379', 'promethus: http://p:9090', 'apiKeyEnv: MISSING_KEY'].join('\n'));
    const message = problems(file);
    expect(message).toMatch(/prod\.yaml:1: balancer: must be a http:\/\/ or https:\/\/ URL/);
    expect(message).toMatch(/prod\.yaml:3: nodes\[0\]: "not a url" is not a URL/);
    expect(message).toMatch(/prod\.yaml:4: redis: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(message).toMatch(/prod\.yaml:5: promethus: unknown key "promethus" \(did you mean "prometheus"\?\)/);
    expect(message).toMatch(/prod\.yaml:6: apiKeyEnv: environment variable MISSING_KEY is not set/);
  });

  it('refuses a password written into the file, and an unset ${ENV}', () => {
    const literal = problems(targetFile('balancer: http://lb:6333\nredis: redis://:hunter2@db:6379\n'));
    expect(literal).toMatch(/prod\.yaml:2: redis: holds a password; write it as \$\{ENV_NAME\}/);
    expect(literal).not.toContain('hunter2');
    expect(problems(targetFile('balancer: http://lb:6333\nredis: redis://:${NOPE}@db:6379\n'), {})).toMatch(/redis: environment variable NOPE is not set/);
  });

  it('takes prometheusInstances as a regex, and refuses one that is not', () => {
    expect(loadTargetFile(targetFile('balancer: http://lb:6333\nprometheus: http://p:9090\nprometheusInstances: "10\\\\.0\\\\.0\\\\.1[1-3]:9100"\n'), {})).toMatchObject({ prometheusInstances: '10\\.0\\.0\\.1[1-3]:9100' });
    expect(problems(targetFile('balancer: http://lb:6333\nnodes: [http://n1:6333]\nprometheus: http://p:9090\nprometheusInstances: "10.0.0.(1"\n'))).toMatch(/prod\.yaml:4: prometheusInstances: "10\.0\.0\.\(1" is not a regular expression/);
  });

  it('refuses a Prometheus it could not scope to the target: no nodes and no prometheusInstances', () => {
    expect(problems(targetFile('balancer: http://lb:6333\nprometheus: http://p:9090\n'))).toMatch(/prod\.yaml:2: prometheus: needs the target’s hosts: list its nodes, or set prometheusInstances/);
  });

  it('reports a missing file and the missing balancer', () => {
    expect(problems('/nonexistent/targets/x.yaml')).toMatch(/x\.yaml: file not found/);
    expect(problems(targetFile('nodes: []\n'))).toMatch(/balancer/);
  });
});
