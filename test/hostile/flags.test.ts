import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.ts';
import { tempFiles } from '../helpers/cli.ts';
import { CASE_BOUND_MS, fingerprint, labStarted, listen, runHostile, type Listener } from './harness.ts';

// Hostile flags: each is refused by the config stage, exit 2 naming the flag, before the lab
// starts or a request reaches the target (a listener on loopback stands in for it).

let target: Listener;
let out: string;
beforeAll(async () => {
  target = await listen();
  out = mkdtempSync(join(tmpdir(), 'vecstress-hostile-out-'));
});
afterAll(() => target.close());

const closedWithThinkTime = tempFiles({
  'users.yaml': 'description: users who pause\nmodel: closed\nratePerConnection: 1\nthinkTime: 1s\nstages:\n  - { name: hold, duration: 10s, connections: 5 }\nlab: { loadScale: 1, timeScale: 1 }\n',
});
const hourLong = tempFiles({
  'soak.yaml': 'description: an hour of load\nmodel: open\nratePerConnection: 1\nstages:\n  - { name: hold, duration: 1h, connections: 5 }\nlab: { loadScale: 1, timeScale: 1 }\n',
});
const aFile = tempFiles({ 'regular-file': 'not a folder\n' });

const CASES: Array<{ name: string; flags: string[]; names: string; says: RegExp }> = [
  { name: '--out under /proc (a recursive mkdir there never returns)', flags: ['--out', '/proc/forbidden'], names: '--out', says: /under \/proc, a kernel file system/ },
  { name: '--out a regular file', flags: ['--out', aFile['regular-file']!], names: '--out', says: /is a file, not a folder/ },
  { name: '--out below a regular file', flags: ['--out', join(aFile['regular-file']!, 'runs')], names: '--out', says: /cannot be made: .* is a file/ },
  { name: '--pushgateway ftp://', flags: ['--pushgateway', 'ftp://x'], names: '--pushgateway', says: /must be a http:\/\/ or https:\/\/ URL/ },
  { name: '--nodes garbage', flags: ['--nodes', 'http://ok:6333,::garbage::'], names: '--nodes', says: /"::garbage::" is not a URL/ },
  { name: '--redis http://', flags: ['--redis', 'http://10.0.0.20:6379'], names: '--redis', says: /must be a redis:\/\/ or rediss:\/\/ URL/ },
  { name: '--prometheus garbage', flags: ['--prometheus', 'not a url'], names: '--prometheus', says: /is not a URL/ },
  { name: '--haproxy-stats without a host', flags: ['--haproxy-stats', 'http:'], names: '--haproxy-stats', says: /not a URL|names no host/ },
  { name: '--seed -1', flags: ['--seed=-1'], names: '--seed', says: /whole number from 0 to 4294967295/ },
  { name: '--seed past 32 bits', flags: ['--seed', '99999999999'], names: '--seed', says: /whole number from 0 to 4294967295/ },
  { name: '--scale 1e308', flags: ['--scale', '1e308'], names: '--scale', says: /at most 10000/ },
  { name: '--time-scale 1e308', flags: ['--time-scale', '1e308'], names: '--time-scale', says: /at most 1000/ },
  { name: '--time-scale that makes the plan six weeks long', flags: ['--profile', hourLong['soak.yaml']!, '--time-scale', '1000', '--form', 'full'], names: 'stages', says: /soak\.yaml: stages: the full form lasts 3600000 s; a full-form plan may last at most 604800 s/ },
  { name: '--model open over a think time', flags: ['--profile', closedWithThinkTime['users.yaml']!, '--model', 'open'], names: '--model', says: /thinkTime .* would be dropped/ },
];

describe('hostile flags: exit 2 naming the flag, nothing sent, no lab, no hang', () => {
  for (const { name, flags, names, says } of CASES) {
    for (const dryRun of [true, false]) {
      it(`${name}${dryRun ? ' (--dry-run)' : ''}`, async () => {
        const before = fingerprint(out);
        const argv = ['stress', '--profile', 'baseline', '--target', target.url, '--out', out, ...flags, ...(dryRun ? ['--dry-run'] : [])];
        const run = await runHostile(argv);
        expect(run.code).toBe(ExitCode.ConfigError);
        expect(run.err).toContain('config error (nothing was sent)');
        expect(run.err).toContain(`${names}: `);
        expect(run.err).toMatch(says);
        expect(run.ms).toBeLessThan(CASE_BOUND_MS);
        expect(target.requests()).toBe(0);
        expect(labStarted(run)).toBe(false);
        expect(fingerprint(out)).toBe(before);
      });
    }
  }

  it('--out /proc/forbidden with the default lab target: refused before the lab starts', async () => {
    const run = await runHostile(['stress', '--profile', 'baseline', '--out', '/proc/forbidden']);
    expect(run.code).toBe(ExitCode.ConfigError);
    expect(run.err).toMatch(/command line: --out: "\/proc\/forbidden" is under \/proc/);
    expect(labStarted(run)).toBe(false);
  });

  it('a --metrics-port in use: exit 2 naming it, before the target is touched or a run folder made', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const run = await runHostile(['stress', '--profile', 'baseline', '--target', target.url, '--out', out, '--metrics-port', String(port)]);
      expect(run.code).toBe(ExitCode.ConfigError);
      expect(run.err).toContain(`--metrics-port: cannot serve on 127.0.0.1:${port} (the port is in use)`);
      expect(target.requests()).toBe(0);
      expect(readdirSync(out)).toEqual([]);
      expect(labStarted(run)).toBe(false);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('every URL mistake is reported at once, each naming its flag', async () => {
    const run = await runHostile(['stress', '--profile', 'baseline', '--target', target.url, '--out', out, '--dry-run', '--redis', 'x', '--prometheus', 'y', '--pushgateway', 'ftp://z']);
    expect(run.code).toBe(ExitCode.ConfigError);
    for (const flag of ['--redis', '--prometheus', '--pushgateway']) expect(run.err).toContain(`command line: ${flag}: `);
  });
});
