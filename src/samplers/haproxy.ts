import type { BalancerData } from '../runfolder/sample-lines.ts';
import { differencingReader } from './differencing-reader.ts';
import type { HttpEndpoint } from './http.ts';
import { isUp, parseHaproxyCsv, type HaproxyServerRow } from './parsers/haproxy-csv.ts';
import { perSecond } from './rates.ts';
import type { Reader } from './sampler.ts';

/**
 * haproxyReader reads HAProxy's /stats;csv: each backend server's health, sessions and queue.
 * Session rates difference stot between readings, so each node's share of the traffic over
 * time is exact; the first reading, with nothing to difference, takes HAProxy's own rate column.
 */
export function haproxyReader(source: string, endpoint: HttpEndpoint, intervalMs: number): Reader<'balancer'> {
  return differencingReader(
    { name: 'haproxy', kind: 'balancer', source, intervalMs, requests: () => endpoint.requests() },
    async (signal) => parseHaproxyCsv(await endpoint.text('', signal)),
    (current, previous) => haproxyData(current, previous && { rows: previous.snapshot, elapsedMs: previous.elapsedMs }),
  );
}

/** haproxyData builds a balancer sample from the server rows and, when there is one, the previous reading. */
export function haproxyData(rows: HaproxyServerRow[], previous?: { rows: HaproxyServerRow[]; elapsedMs: number }): BalancerData {
  const servers = new Map(previous?.rows.map((row) => [serverKey(row), row]));
  return {
    source: 'haproxy',
    servers: rows.map((row) => {
      const before = servers.get(serverKey(row));
      return {
        name: row.name,
        backend: row.backend,
        status: row.status,
        up: isUp(row.status),
        sessionsCurrent: row.sessionsCurrent,
        sessionsTotal: row.sessionsTotal,
        sessionsPerSecond: before && previous ? perSecond(before.sessionsTotal, row.sessionsTotal, previous.elapsedMs) : row.sessionRate,
        queue: row.queue,
        http5xx: row.http5xx,
        ...(row.checkStatus === undefined ? {} : { checkStatus: row.checkStatus }),
      };
    }),
  };
}

function serverKey(row: HaproxyServerRow): string {
  return `${row.backend}/${row.name}`;
}
