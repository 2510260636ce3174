import type { Dispatcher } from 'undici';
import type { PrometheusNodeData } from '../runfolder/sample-lines.ts';
import { redactUrl } from '../targets/redact.ts';
import { withDeadline } from './abortable.ts';
import { HttpEndpoint, samplerAgent } from './http.ts';
import { parseRangeAnswer } from './parsers/prometheus-range.ts';
import { round3 } from './rates.ts';
import { errorMessage, type SampleOutput } from './sampler.ts';

// A remote target's hosts are read from the Prometheus server that scrapes their node_exporter,
// once, over the run's time range: nothing runs on the hosts and nothing polls during the load.

type Field = keyof PrometheusNodeData;

/** nodeQueries are PromQL expressions per field, each one series per instance; `$w` is the rate window. */
export const NODE_QUERIES: Record<Field, string> = {
  cpuPercent: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$w])))',
  memoryUsedPercent: '100 * (1 - avg by (instance) (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes))',
  diskBytesPerSecond: 'sum by (instance) (rate(node_disk_read_bytes_total[$w]) + rate(node_disk_written_bytes_total[$w]))',
  networkBitsPerSecond: '8 * sum by (instance) (rate(node_network_receive_bytes_total{device!="lo"}[$w]) + rate(node_network_transmit_bytes_total{device!="lo"}[$w]))',
};

// Prometheus refuses a range query of more than 11,000 points per series.
const MAX_POINTS = 10_000;

/**
 * queryPrometheusNode queries node_exporter's CPU, memory, disk and network series from a
 * Prometheus server over [startMs, endMs] and returns one prometheus-node sample per instance and
 * step; a query that fails becomes a gap line naming it, the others still count.
 */
export async function queryPrometheusNode(
  url: string,
  startMs: number,
  endMs: number,
  stepS: number,
  options: { timeoutMs?: number; dispatcher?: Dispatcher } = {},
): Promise<SampleOutput[]> {
  const step = Math.max(stepS, 1, Math.ceil((endMs - startMs) / 1000 / MAX_POINTS));
  // A rate needs at least two scrapes in its window; node_exporter is commonly scraped every 15 s.
  const window = `${Math.max(60, 4 * step)}s`;
  const dispatcher = options.dispatcher ?? samplerAgent();
  const endpoint = new HttpEndpoint(url, dispatcher);
  const deadline = withDeadline(options.timeoutMs ?? 10_000);
  const signal = deadline.signal;
  const byPoint = new Map<string, { source: string; t: number; data: PrometheusNodeData }>();
  const lines: SampleOutput[] = [];
  try {
    await Promise.all(
      (Object.entries(NODE_QUERIES) as [Field, string][]).map(async ([field, query]) => {
        const params = new URLSearchParams({ query: query.replaceAll('$w', window), start: String(startMs / 1000), end: String(endMs / 1000), step: String(step) });
        try {
          for (const { instance, t, value } of parseRangeAnswer(await endpoint.json(`/api/v1/query_range?${params}`, signal))) {
            const key = `${instance}@${t}`;
            const point = byPoint.get(key) ?? { source: instance, t, data: {} };
            point.data[field] = round3(value);
            byPoint.set(key, point);
          }
        } catch (error) {
          const reason = signal.aborted ? `no answer within ${options.timeoutMs ?? 10_000} ms` : errorMessage(error);
          lines.push({ type: 'gap', kind: 'prometheus-node', sampler: 'prometheus-node', source: redactUrl(url), t: endMs, error: `${field} query: ${reason}` });
        }
      }),
    );
  } finally {
    deadline.clear();
    if (!options.dispatcher) await dispatcher.close();
  }
  const samples = [...byPoint.values()].sort((a, b) => a.t - b.t || a.source.localeCompare(b.source));
  return [...samples.map(({ source, t, data }): SampleOutput => ({ type: 'sample', kind: 'prometheus-node', sampler: 'prometheus-node', source, t, data })), ...lines];
}
