// The lines samplers write into samples.ndjson while the load runs. Every line carries the same
// clock as the engine's windows: `t` (wall-clock ms) and `second` (seconds since the engine's
// startUnixMs, floored), so analysis and charts line samples up with the load second by second.

export const SAMPLE_KINDS = [
  'qdrant-metrics',
  'qdrant-telemetry',
  'qdrant-collections',
  'qdrant-cluster',
  'redis-latency',
  'redis-info',
  'balancer',
  'generator',
  'target-process',
  'prometheus-node',
] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

interface SampleBase<K extends SampleKind, D> {
  type: 'sample';
  kind: K;
  /** Sampler instance name, e.g. "qdrant-metrics". */
  sampler: string;
  /** What was sampled: a node URL, "redis", a backend server name, a process name. Never a secret. */
  source: string;
  t: number;
  second: number;
  data: D;
}

/** QdrantMetricsData comes from one node's /metrics, differenced against the previous sample. */
export interface QdrantMetricsData {
  /** Cumulative rest_responses_total over all endpoints and statuses. */
  requestsTotal: number;
  requestsPerSecond: number;
  /** Responses with a status other than 200, per second. */
  failuresPerSecond: number;
  /**
   * Responses on /collections/{name}/points… routes (searches, queries, upserts) per second: the
   * load's share of requestsPerSecond, without health checks and the samplers' own reads.
   */
  pointsRequestsPerSecond?: number;
  /** Mean of rest_responses_duration_seconds over the interval, ms (status 200 only, as Qdrant records). */
  meanDurationMs?: number;
  /** gRPC responses per second, and those with a code other than OK; absent when the node has no gRPC series. */
  grpcRequestsPerSecond?: number;
  grpcFailuresPerSecond?: number;
  collectionPoints: Record<string, number>;
  residentMemoryBytes?: number;
  openFds?: number;
  threads?: number;
  version?: string;
}

/** QdrantTelemetryData comes from one node's /telemetry?details_level=1, differenced. */
export interface QdrantTelemetryData {
  /** Cumulative REST responses over all routes and statuses. */
  requestsTotal: number;
  requestsPerSecond: number;
  failuresPerSecond: number;
  /** Mean server time over the interval from total_duration_micros, ms. */
  meanServerTimeMs?: number;
  /** As QdrantMetricsData.pointsRequestsPerSecond: the /collections/{name}/points… routes only. */
  pointsRequestsPerSecond?: number;
  grpcRequestsPerSecond?: number;
  grpcFailuresPerSecond?: number;
  /** Per route template ("POST /collections/{collection_name}/points/query"): requests per second. */
  routes: Record<string, { requestsPerSecond: number; meanServerTimeMs?: number }>;
  clusterEnabled: boolean;
  clusterPeers?: number;
  pendingOperations?: number;
  role?: string;
  residentMemoryBytes?: number;
  version?: string;
}

export interface QdrantCollectionsData {
  collections: Record<string, { status: string; pointsCount: number }>;
}

export interface QdrantClusterData {
  status: 'enabled' | 'disabled';
  peers: number;
  leader?: number;
  role?: string;
  pendingOperations?: number;
}

/** RedisLatencyData is one second of PING round trips on a dedicated connection, ms. */
export interface RedisLatencyData {
  samples: number;
  minMs: number;
  avgMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** PINGs of this second that failed or went unanswered past the probe's timeout, not in the figures above; absent when none. */
  failed?: number;
}

export interface RedisInfoData {
  opsPerSecond: number;
  connectedClients: number;
  blockedClients: number;
  usedMemoryBytes: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  /** Hits / (hits + misses) over the interval since the previous sample; absent when no lookups. */
  hitRatio?: number;
  evictedKeys: number;
  rejectedConnections: number;
}

/** BalancerData is one sample of the load balancer: one entry per backend server. */
export interface BalancerData {
  source: 'haproxy' | 'nginx';
  servers: Array<{
    name: string;
    /** HAProxy's backend (pxname) the server belongs to. */
    backend?: string;
    status: string;
    up: boolean;
    sessionsCurrent: number;
    sessionsTotal: number;
    sessionsPerSecond: number;
    queue: number;
    /** Cumulative 5xx responses from this server, as HAProxy counts them (hrsp_5xx). */
    http5xx: number;
    checkStatus?: string;
  }>;
  /** nginx stub_status only has totals. */
  activeConnections?: number;
  requestsPerSecond?: number;
}

/** GeneratorData is the load generator's own health: a saturated generator makes a run inconclusive. */
export interface GeneratorData {
  /** CPU of the engine process and of Node (the orchestrator), % of one core each, and the machine's. */
  engineCpuPercent?: number;
  nodeCpuPercent: number;
  /** CPU busy across all cores of the generating machine, 0..100. */
  machineCpuPercent: number;
  engineRssBytes?: number;
  nodeRssBytes: number;
  eventLoopLagMs: number;
  cores: number;
}

/** TargetProcessData is one local target process (a lab node, HAProxy, Redis) read from /proc. */
export interface TargetProcessData {
  pid: number;
  /** % of one core (a busy multi-threaded process reads over 100). */
  cpuPercent: number;
  /** The same CPU as a share of the whole host, 0..100: what resource limits compare. */
  hostCpuPercent?: number;
  /** Memory in use on the host the process runs on, 0..100 (1 − MemAvailable/MemTotal). */
  hostMemoryUsedPercent?: number;
  rssBytes: number;
  openConnections: number;
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
}

/** PrometheusNodeData is a remote host's node_exporter series, queried over the run's range. */
export interface PrometheusNodeData {
  cpuPercent?: number;
  memoryUsedPercent?: number;
  diskBytesPerSecond?: number;
  networkBitsPerSecond?: number;
}

export type SampleLine =
  | SampleBase<'qdrant-metrics', QdrantMetricsData>
  | SampleBase<'qdrant-telemetry', QdrantTelemetryData>
  | SampleBase<'qdrant-collections', QdrantCollectionsData>
  | SampleBase<'qdrant-cluster', QdrantClusterData>
  | SampleBase<'redis-latency', RedisLatencyData>
  | SampleBase<'redis-info', RedisInfoData>
  | SampleBase<'balancer', BalancerData>
  | SampleBase<'generator', GeneratorData>
  | SampleBase<'target-process', TargetProcessData>
  | SampleBase<'prometheus-node', PrometheusNodeData>;

/** GapLine records a sample that could not be taken: the endpoint was down, slow or returned garbage. */
export interface GapLine {
  type: 'gap';
  kind: SampleKind;
  sampler: string;
  source: string;
  t: number;
  second: number;
  error: string;
}

export type SamplesFileLine = SampleLine | GapLine;
