import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../src/runfolder/histogram.ts';
import { exactly, syntheticRun } from './synthetic-run.ts';

// The analysis tests trust this generator to write what its description says.
describe('syntheticRun', () => {
  const run = syntheticRun({
    stages: [{ seconds: 2, target: 1000 }],
    collections: [{ name: 'a', share: 0.7 }, { name: 'b', share: 0.3 }],
    load: (second) => (second === 0 ? { latencyMs: { p50: 10, p95: 40, p99: 90 }, errors: { timeout: 3 }, dropped: 10 } : { latencyMs: exactly(7) }),
  });

  it('schedules the plan’s arrivals and splits every count over the collections by share', () => {
    const first = run.windows.filter((w) => w.second === 0);
    expect(first.map((w) => [w.collection, w.scheduled, w.dropped, w.sent, w.completed, w.ok])).toEqual([
      ['a', 700, 7, 693, 693, 691],
      ['b', 300, 3, 297, 297, 296],
    ]);
    expect(first.map((w) => w.errors.timeout)).toEqual([2, 1]);
  });

  it('records latencies whose percentiles are the ones asked for', () => {
    const histogram = decodeHistogram(run.windows[0]!.latency!.hist);
    expect(histogram.totalCount).toBe(693);
    expect(histogram.getValueAtPercentile(50) / 1000).toBeCloseTo(10, 0);
    expect(histogram.getValueAtPercentile(95) / 1000).toBeCloseTo(40, -1);
    expect(histogram.getValueAtPercentile(99) / 1000).toBeCloseTo(90, -1);
    const flat = decodeHistogram(run.windows[2]!.latency!.hist);
    expect([flat.getValueAtPercentile(0), flat.getValueAtPercentile(100)].map((us) => Math.round(us / 1000))).toEqual([7, 7]);
  });
});
