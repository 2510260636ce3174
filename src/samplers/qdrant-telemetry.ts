import type { QdrantTelemetryData } from '../runfolder/sample-lines.ts';
import { differencingReader } from './differencing-reader.ts';
import type { HttpEndpoint } from './http.ts';
import { TELEMETRY_STATE, parseQdrantTelemetry, type QdrantTelemetrySnapshot, type RouteCounters } from './parsers/qdrant-telemetry.ts';
import { increase, meanOver, perSecond } from './rates.ts';
import type { Reader } from './sampler.ts';

// details_level=1 is the cheapest level with total_duration_micros (the true mean over an
// interval; avg_duration_micros only covers the latest 128 operations) and memory.
const TELEMETRY_PATH = '/telemetry?details_level=1';
const POINTS_ROUTE = /^\S+ \/collections\/[^/]+\/points(\/|$)/;

/** qdrantTelemetryReader reads one node's /telemetry and differences it against the previous reading. */
export function qdrantTelemetryReader(source: string, endpoint: HttpEndpoint, intervalMs: number): Reader<'qdrant-telemetry'> {
  return differencingReader(
    { name: 'qdrant-telemetry', kind: 'qdrant-telemetry', source, intervalMs, requests: () => endpoint.requests() },
    async (signal) => parseQdrantTelemetry(await endpoint.json(TELEMETRY_PATH, signal)),
    (current, previous) => previous && qdrantTelemetryData(previous.snapshot, current, previous.elapsedMs),
  );
}

/** qdrantTelemetryData turns two /telemetry readings elapsedMs apart into rates, mean server times and the current state. */
export function qdrantTelemetryData(previous: QdrantTelemetrySnapshot, current: QdrantTelemetrySnapshot, elapsedMs: number): QdrantTelemetryData {
  const all = sumRoutes(Object.values(current.routes));
  const allBefore = sumRoutes(Object.keys(current.routes).map((route) => previous.routes[route] ?? ZERO));
  const points = Object.keys(current.routes).filter((route) => POINTS_ROUTE.test(route));
  const pointsNow = sumRoutes(points.map((route) => current.routes[route]!));
  const pointsBefore = sumRoutes(points.map((route) => previous.routes[route] ?? ZERO));

  const routes: QdrantTelemetryData['routes'] = {};
  for (const [route, now] of Object.entries(current.routes)) {
    const before = previous.routes[route] ?? ZERO;
    if (increase(before.count, now.count) === 0) continue;
    const mean = meanServerTimeMs(before, now);
    routes[route] = { requestsPerSecond: perSecond(before.count, now.count, elapsedMs), ...(mean === undefined ? {} : { meanServerTimeMs: mean }) };
  }

  const data: QdrantTelemetryData = {
    requestsTotal: all.count,
    requestsPerSecond: perSecond(allBefore.count, all.count, elapsedMs),
    failuresPerSecond: perSecond(allBefore.failures, all.failures, elapsedMs),
    pointsRequestsPerSecond: perSecond(pointsBefore.count, pointsNow.count, elapsedMs),
    routes,
    clusterEnabled: current.clusterEnabled,
  };
  const mean = meanServerTimeMs(allBefore, all);
  if (mean !== undefined) data.meanServerTimeMs = mean;
  if (previous.grpc && current.grpc) {
    data.grpcRequestsPerSecond = perSecond(previous.grpc.count, current.grpc.count, elapsedMs);
    data.grpcFailuresPerSecond = perSecond(previous.grpc.failures, current.grpc.failures, elapsedMs);
  }
  for (const field of TELEMETRY_STATE) {
    if (current[field] !== undefined) (data as Record<typeof field, unknown>)[field] = current[field];
  }
  return data;
}

const ZERO: RouteCounters = { count: 0, failures: 0, durationMicros: 0 };

function sumRoutes(routes: RouteCounters[]): RouteCounters {
  return routes.reduce<RouteCounters>(
    (sum, route) => ({
      count: sum.count + route.count,
      failures: sum.failures + route.failures,
      ...(sum.durationMicros === undefined || route.durationMicros === undefined ? {} : { durationMicros: sum.durationMicros + route.durationMicros }),
    }),
    ZERO,
  );
}

function meanServerTimeMs(before: RouteCounters, now: RouteCounters): number | undefined {
  if (before.durationMicros === undefined || now.durationMicros === undefined) return undefined;
  return meanOver([before.durationMicros, now.durationMicros], [before.count, now.count], 1 / 1000);
}
