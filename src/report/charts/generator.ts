import type { ReportInput } from '../input.ts';
import { samplerGapReason, withoutData, type Chart } from './chart.ts';
import { seriesOf } from './series.ts';
import { twoAxisChart } from './time.ts';

/**
 * generatorChart shows the load generator's own CPU beside the requests it held in flight: a
 * generator near 100 % measures itself, not the target, and makes the run inconclusive.
 */
export function generatorChart(input: ReportInput): Chart {
  const { generator } = input.summary;
  const base = {
    id: 'chart-generator',
    section: 'time' as const,
    title: 'Load generator',
    caption: `The generator's CPU (left axis: its busiest process, or the whole machine when the target is remote) and the requests the engine held in flight and its open connections (right axis).${generator.saturated ? ' The generator saturated: latencies may be its own.' : ''}`,
  };
  const cpu = seriesOf(input.timeseries, [['generator CPU', (row) => row.generatorCpuPercent]]);
  const load = seriesOf(input.timeseries, [
    ['in flight', (row) => row.inFlight],
    ['connections', (row) => row.connections],
  ]);
  const spec = twoAxisChart(
    input,
    { points: cpu, options: { yTitle: 'CPU %', style: { domain: ['generator CPU'], range: ['#6c3483'] }, yScale: { domain: [0, 100] } } },
    { points: load, options: { yTitle: 'requests / connections', style: { domain: ['in flight', 'connections'], range: ['#16a085', '#95a5a6'], dashed: ['connections'] } } },
  );
  return spec ? { ...base, spec } : withoutData(base, samplerGapReason(input.summary, ['generator'], 'the generator'));
}
