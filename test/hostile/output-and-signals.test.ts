import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.ts';
import { compareRuns } from '../../src/report/compare.ts';
import { renderComparison } from '../../src/report/compare-render.ts';
import { escapeTerminal } from '../../src/report/escape.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { loadFixture } from '../../src/report/testdata/fixtures.ts';
import { runHostile } from './harness.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'vecstress.js');
const HOSTILE_ID = 'run`\n\n<img src=x onerror=alert(1)>\n\n# heading';

describe('Markdown and terminal output of hostile names', () => {
  it('a run id with blank lines, a backtick and HTML stays inside one code span in summary.md', () => {
    const input = loadFixture('progressive');
    const markdown = renderMarkdown({ ...input, summary: { ...input.summary, runId: HOSTILE_ID } });
    const line = markdown.split('\n').find((l) => l.includes('onerror'))!;
    expect(line.startsWith("`run' <img src=x onerror=alert(1)> # heading` · ")).toBe(true);
    expect(markdown).not.toMatch(/^<img/m);
    expect(markdown).not.toMatch(/^# heading/m);
  });

  it('the compare header escapes form and profile as well as the run id', () => {
    const { summary } = loadFixture('progressive');
    const hostile = { ...summary, runId: HOSTILE_ID, form: '<img src=x>' as never, profile: '<b>p</b>' };
    const text = renderComparison(compareRuns(hostile, summary));
    expect(text).not.toContain('<img src=x>');
    expect(text).not.toContain('<b>');
    expect(text).toContain('&lt;img src=x&gt; form');
  });

  it('escapeTerminal shows control characters instead of sending them to the terminal', () => {
    expect(escapeTerminal('ok\u001b[2J\u0007name\u009b')).toBe('ok\\x1B[2J\\x07name\\x9B');
  });

  it('a config error quoting a flag with escape sequences prints them inert', async () => {
    const run = await runHostile(['stress', '--profile', 'baseline', '--api-key', 'k', '--engine', 'x\u001b]0;pwned\u0007', '--dry-run']);
    expect(run.code).toBe(ExitCode.ConfigError);
    expect(run.err).toContain('--engine: "x\\x1B]0;pwned\\x07" is not one of');
    expect(run.err).not.toContain('\u001b');
  });
});

/** spawnCli runs the real entry point, as a shell would, and resolves with its exit code and how long it took. */
function spawnCli(args: string[], env: Record<string, string>, onStart?: (child: ReturnType<typeof spawn>) => void) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  onStart?.(child);
  return new Promise<{ code: number | null; err: string; ms: number }>((resolve) => child.on('close', (code) => resolve({ code, err, ms: performance.now() - started })));
}

describe('the real process', () => {
  it('--out /proc/forbidden exits 2 within 5 s naming --out, with the default lab target', async () => {
    const lab = mkdtempSync(join(tmpdir(), 'vecstress-hostile-lab-'));
    const run = await spawnCli(['stress', '--profile', 'baseline', '--out', '/proc/forbidden'], { VECSTRESS_LAB_DIR: lab });
    expect(run.code).toBe(ExitCode.ConfigError);
    expect(run.err).toContain('--out: "/proc/forbidden" is under /proc');
    expect(run.ms).toBeLessThan(5000);
    expect(readdirSync(lab)).toEqual([]);
  });

  it('a second Ctrl-C during the preflight exits at once, though the target never answers', async () => {
    let asked!: () => void;
    const preflight = new Promise<void>((resolve) => (asked = resolve));
    // Holds every request open: the preflight would wait for it.
    const silent = createServer(() => asked());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const out = mkdtempSync(join(tmpdir(), 'vecstress-hostile-out-'));
    try {
      const run = await spawnCli(['stress', '--profile', 'baseline', '--target', url, '--out', out], {}, (child) => {
        void preflight.then(() => {
          child.kill('SIGINT');
          setTimeout(() => child.kill('SIGINT'), 100);
        });
      });
      expect(run.code).toBe(ExitCode.Interrupted);
      expect(run.err).toContain('second interrupt: exiting now');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 30_000);
});
