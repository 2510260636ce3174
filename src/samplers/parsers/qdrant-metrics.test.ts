import { describe, expect, it } from 'vitest';
import { fixture, qdrantFixture } from '../testdata/helpers.ts';
import { parseQdrantMetrics } from './qdrant-metrics.ts';

describe('parseQdrantMetrics', () => {
  it('reads Qdrant 1.19: requests over all statuses, failures as status != 200, the histogram and the gauges', () => {
    const snapshot = parseQdrantMetrics(qdrantFixture('metrics-after-load.txt'));
    // 1 index + 513243 + 2 + 4 query + 4 upserts + 530270 + 531960 search responses.
    expect(snapshot.requestsTotal).toBe(1_575_484);
    expect(snapshot.failuresTotal).toBe(2 + 4 + 530_270);
    // Every route but PUT /collections/{collection_name}/index is a points route.
    expect(snapshot.pointsRequestsTotal).toBe(1_575_483);
    expect(snapshot.durationSeconds?.count).toBe(1 + 513_243 + 4 + 531_960);
    expect(snapshot.durationSeconds?.sum).toBeCloseTo(0.013059 + 507.368992 + 0.01984 + 514.811297, 6);
    expect(snapshot.collectionPoints).toEqual({ bench: 1000 });
    expect(snapshot).toMatchObject({ residentMemoryBytes: 26_714_112, openFds: 38, threads: 27, version: '1.19.0' });
    expect(snapshot.grpc).toBeUndefined();
  });

  it('reads a node with a metrics prefix like one without', () => {
    const snapshot = parseQdrantMetrics(qdrantFixture('metrics-prefixed.txt'));
    expect(snapshot.version).toBe('1.19.0');
    expect(snapshot.collectionPoints).toEqual({ bench: 3 });
    // 50 + 30 queries, 1 unknown collection (404), 1 wrong dimension (400), 1 upsert.
    expect(snapshot.requestsTotal).toBe(83);
    expect(snapshot.failuresTotal).toBe(2);
    expect(snapshot.residentMemoryBytes).toBeGreaterThan(0);
  });

  it('counts failures from rest_responses_fail_total before v1.17, and reads gRPC series without a status', () => {
    const snapshot = parseQdrantMetrics(fixture('qdrant-1.16-shape/metrics-a.txt'));
    expect(snapshot).toMatchObject({ requestsTotal: 1207, failuresTotal: 3, pointsRequestsTotal: 1207, version: '1.16.3' });
    expect(snapshot.grpc).toEqual({ requestsTotal: 500, failuresTotal: 2 });
    expect(snapshot.durationSeconds).toEqual({ sum: 1.22, count: 1204 });
  });

  it('leaves out what an old node does not write: no histogram, no points per collection, no memory', () => {
    const snapshot = parseQdrantMetrics(fixture('qdrant-1.9-shape/metrics.txt'));
    expect(snapshot).toEqual({
      requestsTotal: 907,
      failuresTotal: 7,
      pointsRequestsTotal: 907,
      collectionPoints: {},
      grpc: { requestsTotal: 10, failuresTotal: 1 },
      version: '1.9.7',
    });
  });

  it('refuses an answer that is not Qdrant metrics', () => {
    expect(() => parseQdrantMetrics('<html><body>Bad Gateway</body></html>')).toThrow(/not Prometheus text at line 1/);
    expect(() => parseQdrantMetrics('node_load1 0.5\nnode_load5 0.2\n')).toThrow(/no Qdrant metrics/);
  });
});
