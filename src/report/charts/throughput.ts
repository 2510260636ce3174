import type { ReportInput } from '../input.ts';
import { withoutData, type Chart } from './chart.ts';
import { hasData, seriesOf } from './series.ts';
import { lines, timeChart } from './time.ts';

/**
 * throughputChart draws what the plan offered against what the target completed, second by
 * second, with the arrivals the generator dropped: the gap between the first two is saturation.
 * Offered is the arrivals scheduled in each second (during a ramp, more than the target at the
 * second's start); a closed-model run offers connections, not a rate, so there it is the
 * requests its virtual users started.
 */
export function throughputChart(input: ReportInput): Chart {
  const openModel = input.manifest.plan.unit === 'req/s';
  const offered = openModel ? 'offered' : 'started';
  const base = {
    id: 'chart-throughput',
    section: 'time' as const,
    title: 'Offered vs achieved throughput',
    caption: openModel
      ? 'Requests per second the plan offered, the target answered ok (goodput) and completed in all, and the generator dropped at its in-flight bound. Stages are shaded.'
      : 'Closed model: requests per second the virtual users started, against those the target answered ok (goodput) and completed in all. Stages are shaded.',
  };
  const points = seriesOf(input.timeseries, [
    [offered, (row) => row.scheduled],
    ['goodput', (row) => row.throughputRps],
    ['completed', (row) => row.completed],
    ['dropped', (row) => row.dropped],
  ]);
  if (!hasData(points)) return withoutData(base, 'no data: the engine recorded no windows');
  const style = { domain: [offered, 'goodput', 'completed', 'dropped'], range: ['#7f8c8d', '#2471a3', '#85c1e9', '#e67e22'], dashed: [offered] };
  return { ...base, spec: timeChart(input, [lines(input, points, { yTitle: 'req/s', style })]) };
}
