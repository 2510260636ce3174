import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';
import { syntheticRun, type SecondLoad, type SyntheticRunSpec } from '../../../test/helpers/synthetic-run.ts';
import { writeRunFolder } from '../../../test/helpers/write-run-folder.ts';
import { summarizeRepeat } from '../../analysis/repeat.ts';
import { summaryOf } from '../../report/from-run-folder.ts';

/** nightly is one baseline-profile run: 8 s at 100 req/s answered in the given time, with some timeouts. */
function nightly(load: SecondLoad): SyntheticRunSpec {
  return {
    profile: 'baseline',
    stages: [{ name: 'load', role: 'load', seconds: 8, target: 100 }],
    collections: [
      { name: 'mixtral', share: 0.5 },
      { name: 'deepcoder', share: 0.5 },
    ],
    load: () => load,
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function recorded(spec: SyntheticRunSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-compare-'));
  dirs.push(dir);
  return writeRunFolder(join(dir, 'run'), syntheticRun(spec));
}

describe('vecstress compare', () => {
  const baseline = recorded(nightly({ latencyMs: { p50: 4, p95: 10, p99: 15 } }));

  it('exits 0 and says so when nothing regressed', async () => {
    const { code, out } = await runCli(['compare', baseline, recorded(nightly({ latencyMs: { p50: 4, p95: 10.5, p99: 15 } }))]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('## vecstress compare: ✅ no regression');
  });

  it('exits 1 and names the figures that regressed beyond the tolerances', async () => {
    const slower = recorded(nightly({ latencyMs: { p50: 4, p95: 14, p99: 15 }, errors: { timeout: 2 } }));
    const { code, out } = await runCli(['compare', baseline, slower]);
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toBe('## vecstress compare: ❌ 4 regressions: p95 latency, error rate, p95 latency: deepcoder, p95 latency: mixtral');
  });

  it('takes its tolerances from flags, with units', async () => {
    const slower = recorded(nightly({ latencyMs: { p50: 4, p95: 14, p99: 15 }, errors: { timeout: 2 } }));
    const { code, out } = await runCli(['compare', baseline, slower, '--latency-tolerance', '50%', '--error-rate-tolerance', '3pp', '--json']);
    expect(code).toBe(0);
    const comparison = JSON.parse(out);
    expect(comparison.regressions).toEqual([]);
    expect(comparison.metrics.find((m: { name: string }) => m.name === 'p95 latency').tolerance).toEqual({ kind: 'relative', value: 0.5 });
  });

  it('compares a folder whose raw windows are gone by the summary.json it kept', async () => {
    const kept = recorded(nightly({ latencyMs: { p50: 4, p95: 10, p99: 15 } }));
    await runCli(['report', kept]);
    unlinkSync(join(kept, 'windows.ndjson'));
    const { code, out } = await runCli(['compare', baseline, kept]);
    expect([code, out.split('\n')[0]]).toEqual([0, '## vecstress compare: ✅ no regression']);
  });

  it('exits 4 when a figure has no data on one side', async () => {
    // The same load, but deepcoder was not loaded this time: its p95 has no data.
    const oneCollection = recorded({ ...nightly({ latencyMs: { p50: 4, p95: 10, p99: 15 } }), collections: [{ name: 'mixtral', share: 1 }] });
    const { code, out } = await runCli(['compare', baseline, oneCollection]);
    expect(out.split('\n')[0]).toBe('## vecstress compare: ⚪ inconclusive: no data for p95 latency: deepcoder');
    expect(code).toBe(4);
  });

  it('takes a repeat folder as the baseline, its median as the figure and its spread as the noise band', async () => {
    const repeatDir = mkdtempSync(join(tmpdir(), 'vecstress-repeat-'));
    dirs.push(repeatDir);
    const summaries = [10, 11, 13].map((p95, i) => {
      const runId = `run-${i + 1}`;
      return { ...summaryOf(writeRunFolder(join(repeatDir, runId), syntheticRun(nightly({ latencyMs: { p50: 4, p95, p99: 20 } })))), runId };
    });
    const repeat = summarizeRepeat('nightly-repeat', 3, 1, summaries);
    writeFileSync(join(repeatDir, 'repeat.json'), JSON.stringify(repeat));
    // p95 12.5 ms: +14 % over the median of 11 ms, past the +10 % tolerance, yet inside the 10–13 ms the repeat spread over.
    const inBand = await runCli(['compare', repeatDir, recorded(nightly({ latencyMs: { p50: 4, p95: 12.5, p99: 20 } })), '--json']);
    const p95 = JSON.parse(inBand.out).metrics.find((m: { name: string }) => m.name === 'p95 latency');
    expect([inBand.code, p95.status, p95.withinNoise, p95.baselineBand.runs]).toEqual([0, 'ok', true, 3]);
    const outOfBand = await runCli(['compare', repeatDir, recorded(nightly({ latencyMs: { p50: 4, p95: 14, p99: 20 } }))]);
    expect(outOfBand.code).toBe(1);
    expect(outOfBand.out).toMatch(/median of 3 runs/);
  });

  it('exits 2 on bad input: a folder that is not a run, or a tolerance it cannot read', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vecstress-empty-'));
    dirs.push(empty);
    const notRun = await runCli(['compare', baseline, empty]);
    expect([notRun.code, notRun.err]).toEqual([2, expect.stringContaining('is not a run folder')]);
    const badFlag = await runCli(['compare', baseline, baseline, '--latency-tolerance', 'ten']);
    expect([badFlag.code, badFlag.err]).toEqual([2, expect.stringContaining('"ten" is not a tolerance such as 5%.')]);
  });
});
