import { describe, expect, it } from 'vitest';
import type { Summary } from '../analysis/summary-types.ts';
import { summarizeRepeat } from '../analysis/repeat.ts';
import { compareRuns, DEFAULT_TOLERANCES, NOT_RECOVERED, sideOfRepeat } from './compare.ts';
import { renderComparison } from './compare-render.ts';
import { goldenPath, loadFixture } from './testdata/fixtures.ts';

const baseline = loadFixture('progressive').summary;

/** changed is the baseline with a few figures moved, as a later run of the same profile would be. */
function changed(edit: (summary: Summary) => void): Summary {
  const summary = structuredClone(baseline);
  summary.runId = '20251125-091205-progressive';
  edit(summary);
  return summary;
}

const statusOf = (current: Summary, name: string, tolerances = DEFAULT_TOLERANCES): string | undefined =>
  compareRuns(baseline, current, tolerances).metrics.find((m) => m.name === name)?.status;

describe('compareRuns', () => {
  it('finds no regression between a run and itself', () => {
    const comparison = compareRuns(baseline, baseline);
    expect(comparison.regressions).toEqual([]);
    expect(new Set(comparison.metrics.map((m) => m.status))).toEqual(new Set(['ok']));
  });

  it.each([
    // [what moved, figure, status]
    ['p95 up 15 %: past the default +10 %', (s: Summary) => void (s.latencyMs!.p95 *= 1.15), 'p95 latency', 'regression'],
    ['p95 up 5 %: within +10 %', (s: Summary) => void (s.latencyMs!.p95 *= 1.05), 'p95 latency', 'ok'],
    ['p99 down 20 %', (s: Summary) => void (s.latencyMs!.p99 *= 0.8), 'p99 latency', 'improvement'],
    ['throughput down 6 %: past the default −5 %', (s: Summary) => void (s.totals.throughputRps *= 0.94), 'throughput', 'regression'],
    ['throughput down 4 %', (s: Summary) => void (s.totals.throughputRps *= 0.96), 'throughput', 'ok'],
    ['capacity up 10 %', (s: Summary) => void (s.breakingPoint.capacityRps! *= 1.1), 'capacity', 'improvement'],
    ['error rate up 0.6 points: past the default +0.5', (s: Summary) => void (s.totals.errorRate += 0.006), 'error rate', 'regression'],
    ['error rate up 0.4 points', (s: Summary) => void (s.totals.errorRate += 0.004), 'error rate', 'ok'],
    ['one collection’s p95 up 30 %', (s: Summary) => void (s.collections.deepcoder!.latencyMs!.p95 *= 1.3), 'p95 latency: deepcoder', 'regression'],
    ['capacity no longer measured', (s: Summary) => void (s.breakingPoint.capacityRps = null), 'capacity', 'no data'],
  ])('%s', (_what, edit, name, status) => {
    expect(statusOf(changed(edit), name)).toBe(status);
  });

  it('holds recovery to seconds, and a recovery that never came is a regression', () => {
    const recovering = (seconds: number | null) => (s: Summary): void => {
      s.recovery = { ...s.recovery, applicable: true, measured: true, seconds };
    };
    const before = changed(recovering(9));
    expect(compareRuns(before, changed(recovering(25))).metrics.find((m) => m.name === 'recovery time')?.status).toBe('regression');
    expect(compareRuns(before, changed(recovering(15))).metrics.find((m) => m.name === 'recovery time')?.status).toBe('ok');
    const never = compareRuns(before, changed(recovering(null))).metrics.find((m) => m.name === 'recovery time')!;
    expect([never.current, never.status]).toEqual([NOT_RECOVERED, 'regression']);
    expect(compareRuns(changed(recovering(null)), changed(recovering(null))).metrics.find((m) => m.name === 'recovery time')?.status).toBe('ok');
  });

  it('leaves out a figure neither run has', () => {
    expect(compareRuns(baseline, baseline).metrics.map((m) => m.name)).not.toContain('recovery time');
  });

  it('applies the tolerances it is given', () => {
    const current = changed((s) => void (s.latencyMs!.p95 *= 1.15));
    expect(statusOf(current, 'p95 latency', { ...DEFAULT_TOLERANCES, latencyIncrease: 0.2 })).toBe('ok');
  });

  it('is inconclusive, never "no regression", when a figure is missing on one side', () => {
    const comparison = compareRuns(baseline, changed((s) => void (s.breakingPoint.capacityRps = null)));
    expect(comparison.outcome).toBe('inconclusive');
    expect(comparison.noData.map((m) => m.name)).toEqual(['capacity']);
    expect(renderComparison(comparison).split('\n')[0]).toBe('## vecstress compare: ⚪ inconclusive: no data for capacity');
    expect(compareRuns(baseline, baseline).outcome).toBe('no-regression');
  });

  it('compares with a repeat’s median and lets a difference inside the repeat’s spread pass as noise', () => {
    const atP95 = (factor: number, id: string) =>
      changed((s) => {
        s.runId = id;
        s.latencyMs!.p95 = baseline.latencyMs!.p95 * factor;
      });
    const repeat = sideOfRepeat(summarizeRepeat('r-repeat', 3, 1, []), [atP95(0.9, 'a'), atP95(1, 'b'), atP95(1.2, 'c')]);
    const p95 = (factor: number) => compareRuns(repeat, atP95(factor, 'now')).metrics.find((m) => m.name === 'p95 latency')!;
    // +15 % over the median is past the +10 % tolerance, but the repeat itself reached +20 %.
    expect(p95(1.15)).toMatchObject({ status: 'ok', withinNoise: true, baselineBand: { runs: 3 } });
    expect(p95(1.15).baseline).toBeCloseTo(baseline.latencyMs!.p95, 6);
    expect(p95(1.25)).toMatchObject({ status: 'regression', withinNoise: false });
    expect(p95(1.05)).toMatchObject({ status: 'ok', withinNoise: false });
    expect(compareRuns(repeat, atP95(1, 'now')).baseline).toMatchObject({ runId: 'r-repeat', runs: 3 });
  });

  it('warns when the runs are not like for like', () => {
    const other = loadFixture('recovery-interrupted').summary;
    expect(compareRuns(baseline, other).caveats).toEqual([
      'the runs differ: profile progressive → recovery; their figures may not compare',
      `run ${other.runId} is incomplete`,
      `run ${other.runId} is inconclusive`,
    ]);
  });
});

describe('renderComparison', () => {
  it('renders a comparison with regressions as its golden compare.md', async () => {
    const current = changed((s) => {
      s.latencyMs!.p95 *= 1.2;
      s.totals.throughputRps *= 0.97;
      s.totals.errorRate += 0.008;
      s.collections.deepcoder!.latencyMs!.p95 *= 0.7;
    });
    const text = renderComparison(compareRuns(baseline, current));
    expect(text.split('\n')[0]).toBe('## vecstress compare: ❌ 2 regressions: p95 latency, error rate');
    await expect(text).toMatchFileSnapshot(goldenPath('progressive', 'compare.md'));
  });
});
