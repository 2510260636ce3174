// GET /metrics of a stand-in node: Prometheus text with Qdrant 1.19's metric names and labels
// (../shared/fixtures/qdrant-1.19.0/metrics.txt), rendered by prom-client. As in Qdrant, request
// metrics cover only the point and index endpoints (its REST_ENDPOINT_WHITELIST), durations are
// recorded for status 200 only, and collection gauges are labelled `id`.

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STANDIN_VERSION } from './config.ts';
import { memoryDocument, processFigures, type NodeContext } from './documents.ts';
import { recentAverage, type RouteStat } from './request-stats.ts';

const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5, 10, 50];

const METRIC_ENDPOINTS = new Set([
  '/collections/{collection_name}/index',
  '/collections/{collection_name}/points',
  '/collections/{collection_name}/points/count',
  '/collections/{collection_name}/points/query',
  '/collections/{collection_name}/points/query/batch',
  '/collections/{collection_name}/points/search',
  '/collections/{collection_name}/points/search/batch',
]);

export interface NodeMetrics {
  registry: Registry;
  /** observe records one response of a route "<METHOD> <template>". */
  observe(route: string, status: number, seconds: number): void;
}

export function createMetrics(node: NodeContext): NodeMetrics {
  const registry = new Registry();
  const registers = [registry];
  const gauge = (name: string, help: string, collect: (g: Gauge<string>) => void, labelNames: string[] = []): void => {
    new Gauge({ name, help, labelNames, registers, collect() { this.reset(); collect(this); } });
  };

  new Gauge({ name: 'app_info', help: 'information about qdrant server', labelNames: ['name', 'version'], registers }).set({ name: 'qdrant', version: STANDIN_VERSION }, 1);
  gauge('app_status_recovery_mode', 'features enabled in qdrant server', (g) => g.set(0));
  gauge('collections_total', 'number of collections', (g) => g.set(node.store.collections.size));
  gauge('collections_vector_total', 'total number of vectors in all collections', (g) => g.set([...node.store.collections.values()].reduce((sum, c) => sum + c.count, 0)));
  gauge('collection_points', 'approximate amount of points per collection', (g) => node.store.collections.forEach((c) => g.set({ id: c.name }, c.count)), ['id']);
  gauge('collection_vectors', 'amount of vectors grouped by vector name', (g) => node.store.collections.forEach((c) => g.set({ collection: c.name, vector: '' }, c.count)), ['collection', 'vector']);
  // Every node holds a replica of every collection, and none is ever dead while the node answers.
  gauge('collection_active_replicas_min', 'minimum number of active replicas across all shards', (g) => g.set(node.config.peers.length));
  gauge('collection_active_replicas_max', 'maximum number of active replicas across all shards', (g) => g.set(node.config.peers.length));
  gauge('collection_dead_replicas', 'total amount of shard replicas in non-active state', (g) => g.set(0));
  gauge('collection_running_optimizations', 'number of currently running optimization tasks per collection', (g) => node.store.collections.forEach((c) => g.set({ id: c.name }, 0)), ['id']);
  gauge('collection_update_queue_length', 'number of pending operations in update queues per collection', (g) => node.store.collections.forEach((c) => g.set({ id: c.name }, 0)), ['id']);
  gauge('cluster_enabled', 'is cluster support enabled', (g) => g.set(1));
  gauge('cluster_peers_total', 'total number of cluster peers', (g) => g.set(node.config.peers.length));
  gauge('cluster_term', 'current cluster term', (g) => g.set(1));
  gauge('cluster_commit', 'index of last committed (finalized) operation cluster peer is aware of', (g) => g.set({ peer_id: String(node.config.peerId) }, node.store.operationCount), ['peer_id']);
  gauge('cluster_pending_operations_total', 'total number of pending operations for cluster peer', (g) => g.set(0));
  gauge('cluster_voter', 'is cluster peer a voter or learner', (g) => g.set(1));

  const labelNames = ['method', 'endpoint', 'status'];
  const responses = new Counter({ name: 'rest_responses_total', help: 'total number of responses', labelNames, registers });
  const durationGauge = (name: string, help: string, pick: (stat: RouteStat) => number): void =>
    gauge(name, help, (g) => {
      for (const [route, byStatus] of node.stats.routes) {
        const stat = byStatus.get(200);
        const [method, endpoint] = route.split(' ') as [string, string];
        if (stat && METRIC_ENDPOINTS.has(endpoint)) g.set({ method, endpoint, status: '200' }, pick(stat) / 1e6);
      }
    }, labelNames);
  durationGauge('rest_responses_avg_duration_seconds', 'average response duration', recentAverage);
  durationGauge('rest_responses_min_duration_seconds', 'minimum response duration', (stat) => stat.minMicros);
  durationGauge('rest_responses_max_duration_seconds', 'maximum response duration', (stat) => stat.maxMicros);
  const durations = new Histogram({ name: 'rest_responses_duration_seconds', help: 'response duration histogram', labelNames, buckets: DURATION_BUCKETS, registers });

  const memory = (field: string): ((g: Gauge<string>) => void) => (g) => g.set(memoryDocument()[field] ?? 0);
  gauge('memory_active_bytes', 'Total number of bytes in active pages allocated by the application', memory('active_bytes'));
  gauge('memory_allocated_bytes', 'Total number of bytes allocated by the application', memory('allocated_bytes'));
  gauge('memory_metadata_bytes', 'Total number of bytes dedicated to metadata', memory('metadata_bytes'));
  gauge('memory_resident_bytes', 'Maximum number of bytes in physically resident data pages mapped', memory('resident_bytes'));
  gauge('memory_retained_bytes', 'Total number of bytes in virtual memory mappings', memory('retained_bytes'));
  const proc = (pick: (f: ReturnType<typeof processFigures>) => number | undefined): ((g: Gauge<string>) => void) => (g) => {
    const value = pick(processFigures());
    if (value !== undefined && Number.isFinite(value)) g.set(value);
  };
  gauge('process_threads', 'count of active threads', proc((f) => f.threads));
  gauge('process_open_fds', 'count of currently open file descriptors', proc((f) => f.openFds));
  gauge('process_max_fds', 'limit for open file descriptors', proc((f) => f.maxFds));
  const faultCounter = (name: string, help: string, pick: (f: ReturnType<typeof processFigures>) => number | undefined): void => {
    new Counter({ name, help, registers, collect() {
      const value = pick(processFigures());
      this.reset();
      if (value !== undefined && Number.isFinite(value)) this.inc(value);
    } });
  };
  faultCounter('process_minor_page_faults_total', "count of minor page faults which didn't cause a disk access", (f) => f.minorFaults);
  faultCounter('process_major_page_faults_total', 'count of disk accesses caused by a mmap page fault', (f) => f.majorFaults);

  return {
    registry,
    observe(route, status, seconds) {
      const [method, endpoint] = route.split(' ') as [string, string];
      if (!METRIC_ENDPOINTS.has(endpoint)) return;
      const labels = { method, endpoint, status: String(status) };
      responses.inc(labels);
      if (status === 200) durations.observe(labels, seconds);
    },
  };
}
