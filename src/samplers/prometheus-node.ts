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

/**
 * NODE_QUERIES are PromQL expressions per field, each one series per instance; `$w` is the rate
 * window and `$i` the instance matcher, so a shared Prometheus answers for the target's hosts only.
 */
export const NODE_QUERIES: Record<Field, string> = {
  cpuPercent: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle",$i}[$w])))',
  memoryUsedPercent: '100 * (1 - avg by (instance) (node_memory_MemAvailable_bytes{$i} / node_memory_MemTotal_bytes{$i}))',
  diskBytesPerSecond: 'sum by (instance) (rate(node_disk_read_bytes_total{$i}[$w]) + rate(node_disk_written_bytes_total{$i}[$w]))',
  networkBitsPerSecond: '8 * sum by (instance) (rate(node_network_receive_bytes_total{device!="lo",$i}[$w]) + rate(node_network_transmit_bytes_total{device!="lo",$i}[$w]))',
};

/**
 * nodeInstancePattern is the regex of the target's node_exporter instances: each node URL's host,
 * on any port ("10.0.0.11" matches the instance "10.0.0.11:9100"). Prometheus anchors it.
 */
export function nodeInstancePattern(nodes: readonly string[]): string {
  const hosts = [...new Set(nodes.map((node) => new URL(node).hostname))].map((host) => host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(${hosts.join('|')})(:[0-9]+)?`;
}

/** instanceMatcher writes the PromQL matcher for an instance regex, quoted the way PromQL reads strings. */
function instanceMatcher(pattern: string): string {
  return `instance=~${JSON.stringify(pattern)}`;
}

// Prometheus refuses a range query of more than 11,000 points per series.
const MAX_POINTS = 10_000;

/**
 * queryPrometheusNode queries node_exporter's CPU, memory, disk and network series from a
 * Prometheus server over [startMs, endMs] for the instances `instances` (a regex) matches and
 * returns one prometheus-node sample per instance and step; a query that fails, or matches no
 * series, becomes a gap line naming it, the others still count.
 */
export async function queryPrometheusNode(
  url: string,
  startMs: number,
  endMs: number,
  stepS: number,
  instances: string,
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
        const matcher = instanceMatcher(instances);
        const params = new URLSearchParams({ query: query.replaceAll('$w', window).replaceAll('$i', matcher), start: String(startMs / 1000), end: String(endMs / 1000), step: String(step) });
        try {
          const points = parseRangeAnswer(await endpoint.json(`/api/v1/query_range?${params}`, signal));
          // An empty answer is not "all quiet": no host matched, or none was scraped.
          if (points.length === 0) throw new Error(`no series matched ${matcher} over the run`);
          for (const { instance, t, value } of points) {
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
