import type { ReportInput } from '../input.ts';
import { samplerGapReason, withoutData, type Chart } from './chart.ts';
import { seriesOf } from './series.ts';
import { twoAxisChart } from './time.ts';

/**
 * redisChart puts Redis's PING round trip (p99 of about a hundred probes a second) and its cache
 * hit ratio on the load's time axis: a cache that stops hitting or a Redis that stalls under the
 * load shows at the second it happens.
 */
export function redisChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-redis',
    section: 'time' as const,
    title: 'Redis latency and cache hit ratio',
    caption: 'Redis PING round trip p99 per second on a dedicated connection (left axis) and the keyspace hit ratio (right axis).',
  };
  const spec = twoAxisChart(
    input,
    { points: seriesOf(input.timeseries, [['PING p99', (row) => row.redisP99Ms]]), options: { yTitle: 'ms', style: { domain: ['PING p99'], range: ['#c0392b'] } } },
    { points: seriesOf(input.timeseries, [['hit ratio', (row) => row.redisHitRatio]]), options: { yTitle: 'hit ratio', style: { domain: ['hit ratio'], range: ['#2471a3'] }, yFormat: '.0%', yScale: { domain: [0, 1] } } },
  );
  return spec ? { ...base, spec } : withoutData(base, samplerGapReason(input.summary, ['redis-latency', 'redis-info'], 'Redis'));
}
