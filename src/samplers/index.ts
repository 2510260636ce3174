import type { TargetEndpoints } from '../targets/endpoints.ts';
import { redactUrl, scrubber, secretsOfUrl } from '../targets/redact.ts';
import { generatorReader } from './generator.ts';
import { haproxyReader } from './haproxy.ts';
import { HttpEndpoint, samplerAgent } from './http.ts';
import { nginxReader } from './nginx.ts';
import { pollingSampler } from './poller.ts';
import { NODE_QUERIES, nodeInstancePattern, queryPrometheusNode } from './prometheus-node.ts';
import { qdrantClusterReader } from './qdrant-cluster.ts';
import { qdrantCollectionsReader } from './qdrant-collections.ts';
import { qdrantMetricsReader } from './qdrant-metrics.ts';
import { qdrantTelemetryReader } from './qdrant-telemetry.ts';
import { redisInfoReader } from './redis-info.ts';
import { redisLatencySampler } from './redis-latency.ts';
import { SamplerLedger, type Sampler, type SampleSink, type SamplerOutput, type SamplerStatus } from './sampler.ts';
import { targetProcessReader } from './target-process.ts';

export type { SampleOutput, SampleSink } from './sampler.ts';
export { queryPrometheusNode } from './prometheus-node.ts';

/** SampledEndpoints are the endpoints of a target that samplers watch; each one absent is not sampled. */
export type SampledEndpoints = Pick<TargetEndpoints, 'nodes' | 'redis' | 'haproxyStats' | 'nginxStatus' | 'prometheus'>;

/** SamplerSpec says what to watch during a run. */
export interface SamplerSpec {
  /**
   * The nodes are scraped directly (Qdrant's advice: peers, not the balancer); Prometheus is
   * queried once, when sampling stops, for the node_exporter series of remote hosts.
   */
  endpoints: SampledEndpoints;
  /** The regex of the target's node_exporter instances in Prometheus; default: the nodes' hosts, on any port. */
  prometheusInstances?: string;
  /** Sent as the api-key header to Qdrant; never logged or written. */
  apiKey?: string;
  /** Collections whose status and points count are read; empty: every collection on the node. */
  collections: string[];
  /** Lab processes to read from /proc; a pid given as a function is asked for at each reading, to follow a restarted node. */
  localProcesses?: Array<{ name: string; pid: number | (() => number | undefined) }>;
  generator: { enginePid: () => number | undefined };
  /** Default 1000. /collections and /cluster are read every 5 intervals. */
  intervalMs?: number;
  /** The engine's startUnixMs once known: Redis latency seconds align to the engine's seconds. */
  secondZeroMs?: () => number | undefined;
}

/** SamplerSet is the running samplers; stop() ends them all and says how each went. */
export interface SamplerSet {
  stop(): Promise<SamplerStatus[]>;
}

const DEFAULT_INTERVAL_MS = 1000;
// Collections and cluster membership change slowly; reading them less often keeps sampling light.
const SLOW_FACTOR = 5;

/**
 * startSamplers starts every sampler the spec asks for and returns at once. Samplers never throw
 * and never stall the run: an endpoint that is down, slow or answers garbage writes gap lines and
 * warns once per failure streak. Secrets (the API key, passwords in URLs) are masked in every line
 * and warning.
 */
export function startSamplers(spec: SamplerSpec, sink: SampleSink, warn: (message: string) => void = () => {}): SamplerSet {
  const startedAt = Date.now();
  const intervalMs = spec.intervalMs ?? DEFAULT_INTERVAL_MS;
  const slowMs = intervalMs * SLOW_FACTOR;
  const { nodes, redis, haproxyStats, nginxStatus, prometheus } = spec.endpoints;
  const urls = [...nodes, redis, haproxyStats, nginxStatus, prometheus].filter((url): url is string => url !== undefined);
  const scrub = scrubber([spec.apiKey, ...urls.flatMap(secretsOfUrl)]);
  const output: SamplerOutput = { sink, warn: (message) => warn(scrub(message)), scrub };
  const agent = samplerAgent();
  const headers: Record<string, string> = spec.apiKey === undefined ? {} : { 'api-key': spec.apiKey };
  const http = (url: string): HttpEndpoint => new HttpEndpoint(url, agent, headers);

  const samplers: Sampler[] = [];
  for (const node of nodes) {
    const source = redactUrl(node);
    samplers.push(
      pollingSampler(qdrantMetricsReader(source, http(node), intervalMs), output),
      pollingSampler(qdrantTelemetryReader(source, http(node), intervalMs), output),
      pollingSampler(qdrantCollectionsReader(source, http(node), spec.collections, slowMs), output),
      pollingSampler(qdrantClusterReader(source, http(node), slowMs), output),
    );
  }
  if (redis !== undefined) {
    const source = redactUrl(redis);
    samplers.push(
      redisLatencySampler(redis, source, output, { secondZeroMs: () => spec.secondZeroMs?.() ?? startedAt }),
      pollingSampler(redisInfoReader(redis, source, intervalMs), output),
    );
  }
  if (haproxyStats !== undefined) {
    samplers.push(pollingSampler(haproxyReader(redactUrl(haproxyStats), new HttpEndpoint(haproxyStats, agent), intervalMs), output));
  }
  if (nginxStatus !== undefined) {
    samplers.push(pollingSampler(nginxReader(redactUrl(nginxStatus), new HttpEndpoint(nginxStatus, agent), intervalMs), output));
  }
  samplers.push(pollingSampler(generatorReader(spec.generator.enginePid, intervalMs), output));
  for (const process of spec.localProcesses ?? []) {
    samplers.push(pollingSampler(targetProcessReader(process.name, process.pid, intervalMs), output));
  }
  for (const sampler of samplers) sampler.start();

  return {
    async stop() {
      const statuses = await Promise.all(samplers.map((sampler) => sampler.stop()));
      if (prometheus !== undefined) statuses.push(await collectPrometheus(prometheus, prometheusInstancesOf(spec), startedAt, intervalMs, output));
      await agent.close();
      return statuses;
    },
  };
}

/** prometheusInstancesOf is the instance regex the spec names, else the one of its nodes' hosts; undefined when it has neither. */
function prometheusInstancesOf(spec: SamplerSpec): string | undefined {
  return spec.prometheusInstances ?? (spec.endpoints.nodes.length > 0 ? nodeInstancePattern(spec.endpoints.nodes) : undefined);
}

/** collectPrometheus queries the remote hosts' series over the sampling range and records them like any sampler's lines. */
async function collectPrometheus(url: string, instances: string | undefined, startedAt: number, intervalMs: number, output: SamplerOutput): Promise<SamplerStatus> {
  const ledger = new SamplerLedger({ name: 'prometheus-node', kind: 'prometheus-node', source: redactUrl(url) }, output, startedAt);
  if (instances === undefined) {
    // Unscoped, the busiest host of a shared Prometheus would speak for the target: nothing is read.
    ledger.gap(Date.now(), new Error('no instance selector: the target names no nodes and no prometheusInstances'));
    return ledger.status(Object.keys(NODE_QUERIES).length);
  }
  const lines = await queryPrometheusNode(url, startedAt, Date.now(), intervalMs / 1000, instances);
  for (const line of lines) {
    if (line.type === 'gap') ledger.gap(line.t, new Error(line.error));
    else if (line.kind === 'prometheus-node') ledger.sample('prometheus-node', line.t, line.data, line.source);
  }
  return ledger.status(Object.keys(NODE_QUERIES).length);
}
