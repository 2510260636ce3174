import type { BalancerData } from '../runfolder/sample-lines.ts';
import { differencingReader } from './differencing-reader.ts';
import type { HttpEndpoint } from './http.ts';
import { parseNginxStatus, type NginxStatus } from './parsers/nginx-status.ts';
import { perSecond } from './rates.ts';
import type { Reader } from './sampler.ts';

/** nginxReader reads nginx's stub_status: active connections and requests per second, totals only (no per-node rows). */
export function nginxReader(source: string, endpoint: HttpEndpoint, intervalMs: number): Reader<'balancer'> {
  return differencingReader(
    { name: 'nginx', kind: 'balancer', source, intervalMs, requests: () => endpoint.requests() },
    async (signal) => parseNginxStatus(await endpoint.text('', signal)),
    (current, previous) => nginxData(current, previous && { status: previous.snapshot, elapsedMs: previous.elapsedMs }),
  );
}

/** nginxData is one stub_status reading, with the request rate since the previous one. */
export function nginxData(current: NginxStatus, previous?: { status: NginxStatus; elapsedMs: number }): BalancerData {
  const data: BalancerData = { source: 'nginx', servers: [], activeConnections: current.activeConnections };
  // stub_status counts its own page views as requests: leave ours out of the rate.
  if (previous) data.requestsPerSecond = perSecond(previous.status.requests + 1, current.requests, previous.elapsedMs);
  return data;
}
