import type { QdrantMetricsData } from '../runfolder/sample-lines.ts';
import { differencingReader } from './differencing-reader.ts';
import type { HttpEndpoint } from './http.ts';
import { parseQdrantMetrics, type QdrantMetricsSnapshot } from './parsers/qdrant-metrics.ts';
import { meanOver, perSecond } from './rates.ts';
import type { Reader } from './sampler.ts';

/** qdrantMetricsReader scrapes one node's /metrics and differences it against the previous scrape. */
export function qdrantMetricsReader(source: string, endpoint: HttpEndpoint, intervalMs: number): Reader<'qdrant-metrics'> {
  return differencingReader(
    { name: 'qdrant-metrics', kind: 'qdrant-metrics', source, intervalMs, requests: () => endpoint.requests() },
    async (signal) => parseQdrantMetrics(await endpoint.text('/metrics', signal)),
    (current, previous) => previous && qdrantMetricsData(previous.snapshot, current, previous.elapsedMs),
  );
}

/** qdrantMetricsData turns two /metrics readings elapsedMs apart into rates and the current gauges. */
export function qdrantMetricsData(previous: QdrantMetricsSnapshot, current: QdrantMetricsSnapshot, elapsedMs: number): QdrantMetricsData {
  const data: QdrantMetricsData = {
    requestsTotal: current.requestsTotal,
    requestsPerSecond: perSecond(previous.requestsTotal, current.requestsTotal, elapsedMs),
    failuresPerSecond: perSecond(previous.failuresTotal, current.failuresTotal, elapsedMs),
    pointsRequestsPerSecond: perSecond(previous.pointsRequestsTotal, current.pointsRequestsTotal, elapsedMs),
    collectionPoints: current.collectionPoints,
  };
  if (previous.durationSeconds && current.durationSeconds) {
    const mean = meanOver(
      [previous.durationSeconds.sum, current.durationSeconds.sum],
      [previous.durationSeconds.count, current.durationSeconds.count],
      1000,
    );
    if (mean !== undefined) data.meanDurationMs = mean;
  }
  if (previous.grpc && current.grpc) {
    data.grpcRequestsPerSecond = perSecond(previous.grpc.requestsTotal, current.grpc.requestsTotal, elapsedMs);
    data.grpcFailuresPerSecond = perSecond(previous.grpc.failuresTotal, current.grpc.failuresTotal, elapsedMs);
  }
  for (const field of ['residentMemoryBytes', 'openFds', 'threads', 'version'] as const) {
    if (current[field] !== undefined) (data as Record<typeof field, unknown>)[field] = current[field];
  }
  return data;
}
