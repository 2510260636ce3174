import { stringify } from 'csv-stringify/sync';
import type { TimeseriesRow } from '../analysis/summary-types.ts';
import { ERROR_CLASSES } from '../runfolder/engine-lines.ts';

type RowValue = (row: TimeseriesRow) => number | boolean | null;

/** FIXED_COLUMNS are timeseries.csv's columns before the per-node ones, each with how it is read from a row. */
const FIXED_COLUMNS: Array<[string, RowValue]> = [
  ['second', (row) => row.second],
  ['stage', (row) => row.stage],
  ['target', (row) => row.target],
  ['scheduled', (row) => row.scheduled],
  ['sent', (row) => row.sent],
  ['completed', (row) => row.completed],
  ['ok', (row) => row.ok],
  ['dropped', (row) => row.dropped],
  ...ERROR_CLASSES.map((name): [string, RowValue] => [`errors_${name}`, (row) => row.errors[name]]),
  ['error_rate', (row) => row.errorRate],
  ['throughput_rps', (row) => row.throughputRps],
  ['latency_p50_ms', (row) => row.latencyP50Ms],
  ['latency_p95_ms', (row) => row.latencyP95Ms],
  ['latency_p99_ms', (row) => row.latencyP99Ms],
  ['latency_max_ms', (row) => row.latencyMaxMs],
  ['server_p50_ms', (row) => row.serverP50Ms],
  ['in_flight', (row) => row.inFlight],
  ['connections', (row) => row.connections],
  ['redis_p99_ms', (row) => row.redisP99Ms],
  ['redis_hit_ratio', (row) => row.redisHitRatio],
  ['generator_cpu_percent', (row) => row.generatorCpuPercent],
];

/** NODE_MAPS are a row's per-node maps, flattened into one column per node: `<prefix>:<node>`. */
const NODE_MAPS: Array<[string, (row: TimeseriesRow) => Record<string, number | boolean>]> = [
  ['node_requests_per_second', (row) => row.nodeRequestsPerSecond],
  ['node_up', (row) => row.nodeUp],
  ['node_cpu_percent', (row) => row.nodeCpuPercent],
  ['node_rss_bytes', (row) => row.nodeRssBytes],
];

/**
 * renderTimeseriesCsv renders timeseries.csv: one row per second with the load and the target
 * side by side, each error class and each node in its own column (nodes sorted, so the columns
 * are the same whatever order the samplers reported them in). An empty cell means no data.
 */
export function renderTimeseriesCsv(rows: readonly TimeseriesRow[]): string {
  const nodeColumns = NODE_MAPS.flatMap(([prefix, pick]) =>
    [...new Set(rows.flatMap((row) => Object.keys(pick(row))))].sort().map((node): [string, RowValue] => [`${prefix}:${node}`, (row) => pick(row)[node] ?? null]),
  );
  const columns = [...FIXED_COLUMNS, ...nodeColumns];
  const records = rows.map((row) => columns.map(([, value]) => value(row)));
  return stringify(records, { header: true, columns: columns.map(([name]) => name), cast: { boolean: String } });
}
