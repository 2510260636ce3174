// Per-route response statistics, kept the way Qdrant keeps them for /telemetry: per
// "<METHOD> <route template>" and status, a count, total/min/max duration, the mean of the latest
// 128 responses (Qdrant's avg_duration_micros is that, not an all-time mean) and the last time.

const RECENT = 128;

export interface RouteStat {
  count: number;
  totalMicros: number;
  minMicros: number;
  maxMicros: number;
  recent: number[];
  lastResponded: string;
}

export class RequestStats {
  /** route → status → statistics. */
  readonly routes = new Map<string, Map<number, RouteStat>>();

  record(route: string, status: number, micros: number, at: Date = new Date()): void {
    let byStatus = this.routes.get(route);
    if (!byStatus) this.routes.set(route, (byStatus = new Map()));
    let stat = byStatus.get(status);
    if (!stat) byStatus.set(status, (stat = { count: 0, totalMicros: 0, minMicros: Infinity, maxMicros: 0, recent: [], lastResponded: '' }));
    stat.count++;
    stat.totalMicros += micros;
    stat.minMicros = Math.min(stat.minMicros, micros);
    stat.maxMicros = Math.max(stat.maxMicros, micros);
    stat.recent.push(micros);
    if (stat.recent.length > RECENT) stat.recent.shift();
    stat.lastResponded = at.toISOString();
  }
}

export function recentAverage(stat: RouteStat): number {
  return stat.recent.reduce((sum, value) => sum + value, 0) / Math.max(1, stat.recent.length);
}

/** telemetryResponses renders requests.rest.responses: count and average always, the rest from details level 1. */
export function telemetryResponses(stats: RequestStats, detailed: boolean): Record<string, Record<string, Record<string, number | string>>> {
  const responses: Record<string, Record<string, Record<string, number | string>>> = {};
  for (const [route, byStatus] of stats.routes) {
    const statuses: Record<string, Record<string, number | string>> = {};
    for (const [status, stat] of byStatus) {
      statuses[String(status)] = detailed
        ? {
            count: stat.count,
            avg_duration_micros: recentAverage(stat),
            min_duration_micros: stat.minMicros,
            max_duration_micros: stat.maxMicros,
            total_duration_micros: Math.round(stat.totalMicros),
            last_responded: stat.lastResponded,
          }
        : { count: stat.count, avg_duration_micros: recentAverage(stat) };
    }
    responses[route] = statuses;
  }
  return responses;
}
