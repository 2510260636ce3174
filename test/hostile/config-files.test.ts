import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.ts';
import { tempFiles } from '../helpers/cli.ts';
import { CASE_BOUND_MS, labStarted, listen, runHostile, type Listener } from './harness.ts';

// Hostile config files: profiles, mixes and target files that once hung, crashed or ran out of
// memory in --dry-run, or let a secret or a path escape through. Each is exit 2 naming the file
// (and its line or field), in time, with nothing sent and no lab started.

let target: Listener;
beforeAll(async () => {
  target = await listen();
});
afterAll(() => target.close());

const profile = (stages: string, extra = ''): string =>
  `description: hostile\nmodel: open\nratePerConnection: 1\n${extra}stages:\n${stages}lab: { loadScale: 1, timeScale: 1 }\n`;
const steps = (to: string): string => profile(`  - { name: s, steps: { from: 1, to: ${to}, by: 1, duration: 1s } }\n`);

const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

const files = tempFiles({
  'steps-3e6.yaml': steps('3000000'),
  'steps-1e9.yaml': steps('1000000000'),
  'steps-1e15.yaml': steps('1000000000000000'),
  'long-duration.yaml': profile(`  - { name: forever, duration: ${'9'.repeat(36)}s, connections: 1 }\n`),
  'huge-connections.yaml': profile('  - { name: wide, duration: 10s, connections: 1000000000 }\n'),
  'open-think.yaml': profile('  - { name: h, duration: 10s, connections: 1 }\n', 'thinkTime: 1s\n'),
  'laughs.yaml': `${laughs}\n${profile('  - { name: h, duration: 10s, connections: 1 }\n')}`,
  'dot-mix.yaml': 'collections:\n  ".": { weight: 50, pattern: similarity_search, vectorSize: 4 }\n  "..": { weight: 50, pattern: similarity_search, vectorSize: 4 }\n',
  'slash-mix.yaml': 'collections:\n  "a/b": { weight: 100, pattern: similarity_search, vectorSize: 4 }\n',
});
const fifo = join(files.dir, 'fifo.yaml');
execFileSync('mkfifo', [fifo]);

const PROFILES: Array<{ name: string; file: string; says: RegExp }> = [
  { name: 'a step series to 3,000,000 (once a stack overflow)', file: 'steps-3e6.yaml', says: /steps-3e6\.yaml: stages\[0\]: the stages expand to 3000000 steps; a plan may have at most 1000/ },
  { name: 'a step series to 1e9 (once out of memory)', file: 'steps-1e9.yaml', says: /stages\[0\]: the stages expand to 1000000000 steps/ },
  { name: 'a step series to 1e15 (once "Invalid array length")', file: 'steps-1e15.yaml', says: /stages\[0\]: the stages expand to 1000000000000000 steps/ },
  { name: 'a 36-digit duration', file: 'long-duration.yaml', says: /long-duration\.yaml: stages: the full form lasts .* s; a full-form plan may last at most 604800 s/ },
  { name: 'connections: 1e9 over ceilings.connections', file: 'huge-connections.yaml', says: /thresholds\.yaml: ceilings\.connections: is 10000, but the full-form plan opens up to 1000000000 connections/ },
  { name: 'think time with the open model', file: 'open-think.yaml', says: /open-think\.yaml:\d+: thinkTime: goes with model: closed/ },
  { name: 'a billion laughs', file: 'laughs.yaml', says: /laughs\.yaml:\d+: holds \d+ YAML aliases; a config file may hold at most 50/ },
  { name: 'a FIFO for a profile (once a read that never returned)', file: 'fifo.yaml', says: /fifo\.yaml: is a FIFO, not a regular file/ },
];

describe('hostile profiles: exit 2 naming the file, in time, nothing sent, no lab', () => {
  for (const { name, file, says } of PROFILES) {
    it(name, async () => {
      const run = await runHostile(['stress', '--profile', join(files.dir, file), '--target', target.url, '--form', 'full', '--dry-run']);
      expect(run.code).toBe(ExitCode.ConfigError);
      expect(run.err).toMatch(says);
      expect(run.ms).toBeLessThan(CASE_BOUND_MS);
      expect(target.requests()).toBe(0);
      expect(labStarted(run)).toBe(false);
    });
  }
});

describe('hostile mixes: a collection name that is not one path segment', () => {
  for (const [file, names] of [['dot-mix.yaml', ['collections["."]', 'collections[".."]']], ['slash-mix.yaml', ['collections["a/b"]']]] as const) {
    it(`${file}: refused before it could become datasets/generated/.. or /collections/../points`, async () => {
      const run = await runHostile(['stress', '--profile', 'baseline', '--mix', join(files.dir, file), '--target', target.url, '--dry-run']);
      expect(run.code).toBe(ExitCode.ConfigError);
      expect(run.err).toContain(file);
      expect(run.err).toMatch(/must start with a letter, digit, "_" or "-"/);
      for (const path of names) expect(run.err).toContain(`${path}: must start with a letter`);
      expect(target.requests()).toBe(0);
    });
  }
});

describe('hostile target files: a literal secret is refused however the URL is spelt', () => {
  const SPELLINGS = [
    ['a leading space', ' http://admin:hunter2@10.0.0.10:6333'],
    ['backslashes', 'http:\\\\admin:hunter2@10.0.0.10:6333'],
    ['one slash', 'http:/admin:hunter2@10.0.0.10:6333'],
    ['no slash', 'http:admin:hunter2@10.0.0.10:6333'],
  ] as const;
  for (const [how, url] of SPELLINGS) {
    it(`a password after ${how}`, async () => {
      const file = tempFiles({ 'prod.yaml': `balancer: ${JSON.stringify(url)}\n` })['prod.yaml']!;
      const run = await runHostile(['stress', '--profile', 'baseline', '--target-file', file, '--dry-run']);
      expect(run.code).toBe(ExitCode.ConfigError);
      expect(run.err).toMatch(/prod\.yaml:1: balancer: holds a password; write it as \$\{ENV_NAME\}/);
      expect(run.err).not.toContain('hunter2');
    });
  }

  for (const parameter of ['api_key', 'apikey', 'token', 'password', 'secret']) {
    it(`a secret in ?${parameter}=`, async () => {
      const file = tempFiles({ 'prod.yaml': `balancer: http://10.0.0.10:6333\nprometheus: "http://10.0.0.30:9090/?${parameter}=hunter2"\n` })['prod.yaml']!;
      const run = await runHostile(['stress', '--profile', 'baseline', '--target-file', file, '--dry-run']);
      expect(run.code).toBe(ExitCode.ConfigError);
      expect(run.err).toContain(`prod.yaml:2: prometheus: holds a secret in its query parameter "${parameter}"`);
    });
  }

  it('the same URLs with ${ENV} references are accepted', async () => {
    const file = tempFiles({ 'prod.yaml': `balancer: ${JSON.stringify(`${target.url.replace('http://', 'http://admin:${PW}@')}`)}\nnodes: [http://10.0.0.11:6333]\nprometheus: "http://10.0.0.30:9090/?token=\${TOKEN}"\n` })['prod.yaml']!;
    const run = await runHostile(['stress', '--profile', 'baseline', '--target-file', file, '--dry-run'], { PW: 'hunter2', TOKEN: 't0k3n' });
    expect(run.err).toBe('');
    expect(run.code).toBe(ExitCode.Passed);
    expect(target.requests()).toBe(0);
  });
});
