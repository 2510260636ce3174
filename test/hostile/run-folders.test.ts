import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.ts';
import { RUN_FILES } from '../../src/runfolder/manifest.ts';
import { calmGeneratorSamples, syntheticRun } from '../helpers/synthetic-run.ts';
import { writeRunFolder } from '../helpers/write-run-folder.ts';
import { CASE_BOUND_MS, fingerprint, runHostile } from './harness.ts';

// Damaged run folders: each is read in time, refused with exit 2 naming the file and field when
// it cannot be read at all, and otherwise reported with every damaged line named and skipped.

const SECONDS = 10;
const RATE = 20;

/** aRun writes a ten-second run at 20 req/s, every request ok, its generator watched, and reports it once so it keeps a summary.json. */
async function aRun(): Promise<string> {
  const dir = writeRunFolder(join(mkdtempSync(join(tmpdir(), 'vecstress-hostile-run-')), 'run'), syntheticRun({ stages: [{ seconds: SECONDS, target: RATE }], samples: calmGeneratorSamples(SECONDS) }));
  const made = await runHostile(['report', dir]);
  expect(made.code).toBe(ExitCode.Passed);
  return dir;
}

const windowLine = (second: number, counts: Record<string, number> = {}): string =>
  `${JSON.stringify({ type: 'window', second, collection: 'mixtral', pattern: 'similarity_search', stage: 0, scheduled: 1, sent: 1, dropped: 0, completed: 1, ok: 1, codes: { 200: 1 }, errors: {}, bytesIn: 0, bytesOut: 0, ...counts })}\n`;

function linesOf(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').length;
}

describe('damaged run folders', () => {
  it('a run.json with a damaged field: exit 2 naming the file and the field', async () => {
    const dir = await aRun();
    const manifest = JSON.parse(readFileSync(join(dir, RUN_FILES.manifest), 'utf8'));
    manifest.plan.stages[0].durationSeconds = 'ten';
    writeFileSync(join(dir, RUN_FILES.manifest), JSON.stringify(manifest));
    const before = fingerprint(dir);
    const run = await runHostile(['report', dir]);
    expect(run.code).toBe(ExitCode.ConfigError);
    expect(run.err).toMatch(/run\.json is damaged: plan\.stages\[0\]\.durationSeconds: /);
    expect(fingerprint(dir)).toBe(before);
  });

  it('a version 1 run.json without its target: exit 2 naming the field, not a TypeError', async () => {
    const dir = await aRun();
    const manifest = JSON.parse(readFileSync(join(dir, RUN_FILES.manifest), 'utf8'));
    writeFileSync(join(dir, RUN_FILES.manifest), JSON.stringify({ ...manifest, schemaVersion: 1, target: null }));
    const run = await runHostile(['report', dir]);
    expect(run.code).toBe(ExitCode.ConfigError);
    expect(run.err).toMatch(/run\.json is damaged: target: /);
  });

  it('one window at second 1e9: report ends in seconds and names the line', async () => {
    const dir = await aRun();
    appendFileSync(join(dir, RUN_FILES.windows), windowLine(1e9));
    const line = linesOf(join(dir, RUN_FILES.windows));
    const run = await runHostile(['report', dir]);
    expect(run.ms).toBeLessThan(CASE_BOUND_MS);
    expect(run.code).toBe(ExitCode.Passed);
    expect(run.err).toContain(`windows.ndjson: 1 line outside the plan's seconds 0 to ${SECONDS + 10 + 1} (first windows.ndjson:${line}); skipped`);
  });

  it('windows whose ok exceeds completed are listed as damaged and left out: no negative error rate', async () => {
    const dir = await aRun();
    appendFileSync(join(dir, RUN_FILES.windows), windowLine(3, { ok: 5000, completed: 1 }));
    const line = linesOf(join(dir, RUN_FILES.windows));
    const run = await runHostile(['report', dir]);
    expect(run.err).toContain(`windows.ndjson:${line}: ok (5000) + errors (0) ≠ completed (1); skipped`);
    expect(run.out).not.toMatch(/-[\d,.]+ ?% errors/);
    expect(run.out).toMatch(/0(\.0)? ?% errors/);
    const summary = JSON.parse(readFileSync(join(dir, RUN_FILES.summary), 'utf8'));
    expect(summary.totals.completed).toBe(SECONDS * RATE);
  });

  it('counts that are not counts (negative, fractional, not a number) are damaged lines too', async () => {
    const dir = await aRun();
    for (const counts of [{ completed: -1, ok: -1 }, { sent: 0.5 }, { scheduled: 0, sent: 1 }] as Array<Record<string, number>>) appendFileSync(join(dir, RUN_FILES.windows), windowLine(4, counts));
    const run = await runHostile(['report', dir]);
    expect(run.err).toMatch(/completed is -1, not a count/);
    expect(run.err).toMatch(/sent is 0\.5, not a count/);
    expect(run.err).toMatch(/sent \(1\) > scheduled \(0\)/);
  });

  it('thousands of windows outside the plan are counted, not dropped without a word', async () => {
    const dir = await aRun();
    const outside = 5000;
    appendFileSync(join(dir, RUN_FILES.windows), Array.from({ length: outside }, (_, i) => windowLine(100_000 + i)).join(''));
    const run = await runHostile(['report', dir]);
    expect(run.err).toContain(`windows.ndjson: ${outside} lines outside the plan's seconds`);
  });

  it('windows.ndjson gone: report refuses and keeps summary.json; compare says it trusts the kept summary', async () => {
    const baseline = await aRun();
    const current = await aRun();
    rmSync(join(current, RUN_FILES.windows));
    const before = fingerprint(current);
    const report = await runHostile(['report', current]);
    expect(report.code).toBe(ExitCode.ConfigError);
    expect(report.err).toContain(`summary.json was built from raw data this folder no longer has (windows.ndjson is missing); it is kept as it is`);
    expect(fingerprint(current)).toBe(before);
    const compare = await runHostile(['compare', baseline, current]);
    expect(compare.code).toBe(ExitCode.Passed);
    expect(compare.err).toContain(`note: ${current}: windows.ndjson is missing; compared with the summary.json it kept`);
    expect(compare.out).toContain('no regression');
  });

  it('a damaged kept summary.json: compare exits 2 naming it and the field', async () => {
    const baseline = await aRun();
    const current = await aRun();
    rmSync(join(current, RUN_FILES.windows));
    const summary = JSON.parse(readFileSync(join(current, RUN_FILES.summary), 'utf8'));
    summary.totals = 'lots';
    writeFileSync(join(current, RUN_FILES.summary), JSON.stringify(summary));
    const compare = await runHostile(['compare', baseline, current]);
    expect(compare.code).toBe(ExitCode.ConfigError);
    expect(compare.err).toMatch(/summary\.json is damaged: totals: /);
  });

  it('a FIFO as windows.ndjson: report ends at once instead of waiting for a writer', async () => {
    const dir = await aRun();
    rmSync(join(dir, RUN_FILES.windows));
    rmSync(join(dir, RUN_FILES.summary));
    execFileSync('mkfifo', [join(dir, RUN_FILES.windows)]);
    const run = await runHostile(['report', dir]);
    expect(run.ms).toBeLessThan(CASE_BOUND_MS);
    expect(run.err).toContain('windows.ndjson is a FIFO, not a regular file; not read');
  });

  it('a FIFO as run.json: exit 2 naming it', async () => {
    const dir = await aRun();
    rmSync(join(dir, RUN_FILES.manifest));
    execFileSync('mkfifo', [join(dir, RUN_FILES.manifest)]);
    const run = await runHostile(['report', dir]);
    expect(run.code).toBe(ExitCode.ConfigError);
    expect(run.err).toContain('run.json is a FIFO, not a regular file');
  });
});
