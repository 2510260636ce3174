import { describe, expect, it } from 'vitest';
import { parseQdrantMetrics } from './parsers/qdrant-metrics.ts';
import { qdrantMetricsData } from './qdrant-metrics.ts';
import { fixture, qdrantFixture } from './testdata/helpers.ts';

describe('qdrantMetricsData', () => {
  it('differences two real Qdrant 1.19 scrapes into rates and the mean duration over the interval', () => {
    const before = parseQdrantMetrics(qdrantFixture('metrics.txt'));
    const after = parseQdrantMetrics(qdrantFixture('metrics-after-load.txt'));
    const data = qdrantMetricsData(before, after, 10_000);
    expect(data.requestsTotal).toBe(1_575_484);
    expect(data.requestsPerSecond).toBeCloseTo((1_575_484 - 33) / 10, 3);
    expect(data.failuresPerSecond).toBeCloseTo((530_276 - 4) / 10, 3);
    expect(data.pointsRequestsPerSecond).toBeCloseTo((1_575_483 - 32) / 10, 3);
    // (Σ sum after − before) / (Σ count after − before), in ms: about 0.978 ms per search.
    expect(data.meanDurationMs).toBeCloseTo(0.978, 3);
    expect(data).toMatchObject({ collectionPoints: { bench: 1000 }, residentMemoryBytes: 26_714_112, openFds: 38, threads: 27, version: '1.19.0' });
  });

  it('differences pre-1.17 scrapes: failures from fail_total, gRPC rates', () => {
    const data = qdrantMetricsData(parseQdrantMetrics(fixture('qdrant-1.16-shape/metrics-a.txt')), parseQdrantMetrics(fixture('qdrant-1.16-shape/metrics-b.txt')), 2000);
    expect(data).toMatchObject({ requestsPerSecond: 201, failuresPerSecond: 1, meanDurationMs: 1.5, grpcRequestsPerSecond: 50, grpcFailuresPerSecond: 0.5 });
  });

  it('has no mean duration when nothing completed or the node has no histogram', () => {
    const same = parseQdrantMetrics(qdrantFixture('metrics.txt'));
    expect(qdrantMetricsData(same, same, 1000)).toMatchObject({ requestsPerSecond: 0, failuresPerSecond: 0 });
    expect(qdrantMetricsData(same, same, 1000).meanDurationMs).toBeUndefined();
    const old = parseQdrantMetrics(fixture('qdrant-1.9-shape/metrics.txt'));
    expect(qdrantMetricsData(old, old, 1000).meanDurationMs).toBeUndefined();
  });

  it('treats counters that went down as a restarted node, counting up from zero', () => {
    const after = parseQdrantMetrics(qdrantFixture('metrics-after-load.txt'));
    const restarted = parseQdrantMetrics(qdrantFixture('metrics.txt'));
    expect(qdrantMetricsData(after, restarted, 1000).requestsPerSecond).toBe(33);
  });
});
