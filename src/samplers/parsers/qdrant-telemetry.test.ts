import { describe, expect, it } from 'vitest';
import { fixtureJson, qdrantFixtureJson } from '../testdata/helpers.ts';
import { parseQdrantTelemetry } from './qdrant-telemetry.ts';

describe('parseQdrantTelemetry', () => {
  it('reads Qdrant 1.19 at details_level 1: counts, failures and total duration per route, memory', () => {
    const snapshot = parseQdrantTelemetry(qdrantFixtureJson('telemetry-details1-b.json'));
    expect(snapshot.routes['POST /collections/{collection_name}/points/query']).toEqual({ count: 82, failures: 2, durationMicros: 25_432 + 221 + 62 });
    expect(snapshot.routes['GET /telemetry']).toEqual({ count: 1, failures: 0, durationMicros: 1610 });
    expect(snapshot).toMatchObject({ clusterEnabled: false, version: '1.19.0' });
    expect(snapshot.residentMemoryBytes).toBeGreaterThan(0);
    expect(snapshot.grpc).toBeUndefined();
  });

  it('has no durations at details_level 0, where Qdrant reports only counts and recent averages', () => {
    const snapshot = parseQdrantTelemetry(qdrantFixtureJson('telemetry-after-load.json'));
    expect(snapshot.routes['POST /collections/{collection_name}/points/search']).toEqual({ count: 531_960 + 530_270, failures: 530_270 });
    expect(snapshot.residentMemoryBytes).toBeUndefined();
  });

  it('reads a cluster peer: peers, role and pending operations', () => {
    expect(parseQdrantTelemetry(qdrantFixtureJson('telemetry-cluster-details1.json'))).toMatchObject({
      clusterEnabled: true,
      clusterPeers: 2,
      pendingOperations: 0,
      role: 'Leader',
    });
  });

  it('reads gRPC statistics in both shapes: by code since v1.17, with fail_count before', () => {
    expect(parseQdrantTelemetry(fixtureJson('qdrant-1.17-grpc-shape/telemetry.json')).grpc).toEqual({ count: 714, failures: 4 });
    expect(parseQdrantTelemetry(fixtureJson('qdrant-1.16-shape/telemetry-a.json')).grpc).toEqual({ count: 500, failures: 2 });
  });

  it('reads an answer with only some sections, without failing on the missing ones', () => {
    expect(parseQdrantTelemetry(fixtureJson('qdrant-1.9-shape/telemetry-missing-sections.json'))).toEqual({ routes: {}, clusterEnabled: false, version: '1.9.7' });
  });

  it('refuses an answer that is not Qdrant telemetry', () => {
    expect(() => parseQdrantTelemetry({ status: 'ok' })).toThrow(/no result object/);
    expect(() => parseQdrantTelemetry({ result: { foo: 1 } })).toThrow(/not a Qdrant telemetry answer/);
    expect(() => parseQdrantTelemetry('<html>')).toThrow(/no result object/);
  });
});
