import { MetricIndex, parsePrometheusText } from './prometheus-text.ts';

// Qdrant's /metrics differs between versions: v1.17 dropped rest_responses_fail_total (failures
// became status!="200"), the duration histogram is recent, route templates changed from {name} to
// {collection_name}, and any name may carry a configured prefix. The snapshot keeps what is there
// and leaves the rest undefined.

/** QdrantMetricsSnapshot holds the cumulative counters and gauges of one /metrics reading. */
export interface QdrantMetricsSnapshot {
  requestsTotal: number;
  failuresTotal: number;
  /** Responses on /collections/{name}/points… routes: the searches and writes, without health checks. */
  pointsRequestsTotal: number;
  /** Sum and count of rest_responses_duration_seconds; absent before Qdrant had the histogram. */
  durationSeconds?: { sum: number; count: number };
  grpc?: { requestsTotal: number; failuresTotal: number };
  collectionPoints: Record<string, number>;
  residentMemoryBytes?: number;
  openFds?: number;
  threads?: number;
  version?: string;
}

const ANCHORS = ['app_info', 'rest_responses_total', 'collections_total', 'memory_resident_bytes', 'cluster_enabled'];
const POINTS_ROUTE = /^\/collections\/[^/]+\/points(\/|$)/;
const GRPC_OK = '0';

/** parseQdrantMetrics reads a /metrics body; text that is not Prometheus format, or not Qdrant's, throws. */
export function parseQdrantMetrics(text: string): QdrantMetricsSnapshot {
  const metrics = new MetricIndex(parsePrometheusText(text), ANCHORS);
  if (!ANCHORS.some((name) => metrics.has(name))) {
    throw new Error(`no Qdrant metrics in the answer (none of ${ANCHORS.join(', ')})`);
  }
  // Before v1.17 a failure is counted in rest_responses_fail_total; since, it is a status other than 200.
  const failuresTotal = metrics.has('rest_responses_fail_total')
    ? metrics.sum('rest_responses_fail_total')
    : metrics.sum('rest_responses_total', (labels) => labels.status !== undefined && labels.status !== '200');

  const snapshot: QdrantMetricsSnapshot = {
    requestsTotal: metrics.sum('rest_responses_total'),
    failuresTotal,
    pointsRequestsTotal: metrics.sum('rest_responses_total', (labels) => POINTS_ROUTE.test(labels.endpoint ?? '')),
    collectionPoints: Object.fromEntries(
      metrics.all('collection_points').map((sample) => [sample.labels.id ?? sample.labels.collection ?? '', sample.value]),
    ),
  };
  if (metrics.has('rest_responses_duration_seconds_count')) {
    snapshot.durationSeconds = {
      sum: metrics.sum('rest_responses_duration_seconds_sum'),
      count: metrics.sum('rest_responses_duration_seconds_count'),
    };
  }
  if (metrics.has('grpc_responses_total')) {
    snapshot.grpc = {
      requestsTotal: metrics.sum('grpc_responses_total'),
      failuresTotal: metrics.has('grpc_responses_fail_total')
        ? metrics.sum('grpc_responses_fail_total')
        : metrics.sum('grpc_responses_total', (labels) => labels.status !== undefined && labels.status !== GRPC_OK),
    };
  }
  const gauges = { residentMemoryBytes: 'memory_resident_bytes', openFds: 'process_open_fds', threads: 'process_threads' } as const;
  for (const [field, name] of Object.entries(gauges) as [keyof typeof gauges, string][]) {
    const value = metrics.value(name);
    if (value !== undefined) snapshot[field] = value;
  }
  const version = metrics.all('app_info')[0]?.labels.version;
  if (version !== undefined) snapshot.version = version;
  return snapshot;
}
