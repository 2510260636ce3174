import { describe, expect, it } from 'vitest';
import { parseQdrantTelemetry } from './parsers/qdrant-telemetry.ts';
import { qdrantTelemetryData } from './qdrant-telemetry.ts';
import { fixtureJson, qdrantFixtureJson } from './testdata/helpers.ts';

const read = (name: string) => parseQdrantTelemetry(fixtureJson(name));
const readReal = (name: string) => parseQdrantTelemetry(qdrantFixtureJson(name));

describe('qdrantTelemetryData', () => {
  it('differences two real Qdrant 1.19 readings into rates and mean server times from total_duration_micros', () => {
    const data = qdrantTelemetryData(readReal('telemetry-details1-a.json'), readReal('telemetry-details1-b.json'), 1000);
    // Between the readings: 30 queries, 1 wrong-dimension query (400) and the first GET /telemetry.
    expect(data).toMatchObject({ requestsTotal: 85, requestsPerSecond: 32, failuresPerSecond: 1, pointsRequestsPerSecond: 31, clusterEnabled: false, version: '1.19.0' });
    // (25715 − 16258 µs) / 31 queries and (25715 − 16258 + 1610 µs) / 32 responses.
    expect(data.routes).toEqual({
      'POST /collections/{collection_name}/points/query': { requestsPerSecond: 31, meanServerTimeMs: 0.305 },
      'GET /telemetry': { requestsPerSecond: 1, meanServerTimeMs: 1.61 },
    });
    expect(data.meanServerTimeMs).toBe(0.346);
  });

  it('scales rates by the elapsed time', () => {
    const data = qdrantTelemetryData(readReal('telemetry-details1-a.json'), readReal('telemetry-details1-b.json'), 4000);
    expect(data.requestsPerSecond).toBe(8);
  });

  it('gives no mean server time at details_level 0', () => {
    const data = qdrantTelemetryData(readReal('telemetry.json'), readReal('telemetry-after-load.json'), 1000);
    expect(data.requestsPerSecond).toBeGreaterThan(1_000_000);
    expect(data.meanServerTimeMs).toBeUndefined();
    expect(Object.values(data.routes).every((route) => route.meanServerTimeMs === undefined)).toBe(true);
  });

  it('differences pre-1.17 readings, with gRPC rates and the cluster state of the later one', () => {
    const data = qdrantTelemetryData(read('qdrant-1.16-shape/telemetry-a.json'), read('qdrant-1.16-shape/telemetry-b.json'), 2000);
    expect(data).toMatchObject({
      requestsPerSecond: 201.5,
      failuresPerSecond: 1,
      pointsRequestsPerSecond: 201,
      grpcRequestsPerSecond: 50,
      grpcFailuresPerSecond: 0.5,
      clusterEnabled: true,
      clusterPeers: 3,
      pendingOperations: 0,
      role: 'Leader',
      residentMemoryBytes: 42_000_000,
    });
    expect(data.routes['POST /collections/{name}/points/query']?.meanServerTimeMs).toBeCloseTo((400 * 1500 + 20) / 402 / 1000, 3);
  });
});
