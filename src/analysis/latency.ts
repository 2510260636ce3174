import type { HistogramStats } from '../runfolder/histogram.ts';
import type { LatencySummary } from './summary-types.ts';

/** toLatencySummary turns a merged histogram's figures from µs (as recorded) into ms (as reported). */
export function toLatencySummary(stats: HistogramStats | null): LatencySummary | null {
  if (stats === null) return null;
  const ms = (us: number): number => us / 1000;
  return {
    count: stats.count,
    min: ms(stats.min),
    mean: ms(stats.mean),
    p50: ms(stats.p50),
    p90: ms(stats.p90),
    p95: ms(stats.p95),
    p99: ms(stats.p99),
    max: ms(stats.max),
  };
}
