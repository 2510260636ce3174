import type { QdrantTelemetryData } from '../../runfolder/sample-lines.ts';
import { number, object, qdrantResult, string, type JsonObject } from './json.ts';

// Qdrant's /telemetry answer, read across versions: REST responses map "<METHOD> <route>" to
// "<status>" to statistics; gRPC responses map an endpoint to a gRPC code to statistics since
// v1.17, and straight to statistics (with fail_count) before. total_duration_micros appears from
// details_level 1; without it the mean server time is simply not known.

/** RouteCounters are one route's cumulative counters, over all its statuses. */
export interface RouteCounters {
  count: number;
  /** Responses with a status other than 200. */
  failures: number;
  /** Σ total_duration_micros; undefined when the server does not report it for every status. */
  durationMicros?: number;
}

/** QdrantTelemetrySnapshot holds the cumulative counters and current state of one /telemetry reading. */
export type QdrantTelemetrySnapshot = Pick<QdrantTelemetryData, (typeof TELEMETRY_STATE)[number] | 'clusterEnabled'> & {
  routes: Record<string, RouteCounters>;
  grpc?: { count: number; failures: number };
};

/** TELEMETRY_STATE are the fields a sample takes as they are in the latest reading. */
export const TELEMETRY_STATE = ['clusterPeers', 'pendingOperations', 'role', 'residentMemoryBytes', 'version'] as const;

const REST_OK = '200';
const GRPC_OK = '0';

/** parseQdrantTelemetry reads a parsed /telemetry body; an answer without Qdrant's result object throws. */
export function parseQdrantTelemetry(body: unknown): QdrantTelemetrySnapshot {
  const result = qdrantResult(body, 'telemetry');
  if (!object(result.app) && !object(result.requests)) throw new Error('not a Qdrant telemetry answer (no result.app or result.requests)');
  const snapshot: QdrantTelemetrySnapshot = {
    routes: restRoutes(object(object(object(result.requests)?.rest)?.responses)),
    clusterEnabled: object(result.cluster)?.enabled === true,
  };
  const grpc = grpcTotals(object(object(object(result.requests)?.grpc)?.responses));
  if (grpc) snapshot.grpc = grpc;

  const status = object(object(result.cluster)?.status);
  setNumber(snapshot, 'clusterPeers', status?.number_of_peers);
  setNumber(snapshot, 'pendingOperations', status?.pending_operations);
  const role = string(status?.role);
  if (role !== undefined) snapshot.role = role;
  setNumber(snapshot, 'residentMemoryBytes', object(result.memory)?.resident_bytes);
  const version = string(object(result.app)?.version);
  if (version !== undefined) snapshot.version = version;
  return snapshot;
}

function restRoutes(responses: JsonObject | undefined): Record<string, RouteCounters> {
  const routes: Record<string, RouteCounters> = {};
  for (const [route, byStatus] of Object.entries(responses ?? {})) {
    const counters: RouteCounters = { count: 0, failures: 0, durationMicros: 0 };
    for (const [status, statistics] of Object.entries(object(byStatus) ?? {})) {
      const count = number(object(statistics)?.count) ?? 0;
      counters.count += count;
      if (status !== REST_OK) counters.failures += count;
      const micros = number(object(statistics)?.total_duration_micros);
      counters.durationMicros = micros === undefined || counters.durationMicros === undefined ? undefined : counters.durationMicros + micros;
    }
    if (counters.durationMicros === undefined) delete counters.durationMicros;
    routes[route] = counters;
  }
  return routes;
}

function grpcTotals(responses: JsonObject | undefined): { count: number; failures: number } | undefined {
  const endpoints = Object.values(responses ?? {});
  if (endpoints.length === 0) return undefined;
  let count = 0;
  let failures = 0;
  for (const entry of endpoints) {
    const statistics = object(entry) ?? {};
    if (typeof statistics.count === 'number') {
      // Before v1.17: endpoint → statistics, failures in fail_count.
      count += statistics.count;
      failures += number(statistics.fail_count) ?? 0;
      continue;
    }
    for (const [code, byCode] of Object.entries(statistics)) {
      const codeCount = number(object(byCode)?.count) ?? 0;
      count += codeCount;
      if (code !== GRPC_OK) failures += codeCount;
    }
  }
  return { count, failures };
}

function setNumber<T extends object>(target: T, field: keyof T, value: unknown): void {
  const parsed = number(value);
  if (parsed !== undefined) (target as Record<keyof T, number>)[field] = parsed;
}
