import type { TopLevelSpec } from 'vega-lite';
import type { ReportInput } from '../input.ts';
import { CHART_HEIGHT, withoutData, type Chart } from './chart.ts';
import { compact } from './series.ts';

const BAR_SIZE = 7;

/** collectionNames lists the collections slowest first (by p95), so the one to look at leads. */
function collectionNames(input: ReportInput): string[] {
  const entries = Object.entries(input.summary.collections);
  return entries.sort(([a, x], [b, y]) => (y.latencyMs?.p95 ?? -1) - (x.latencyMs?.p95 ?? -1) || a.localeCompare(b)).map(([name]) => name);
}

/** Bar is one bar of a grouped bar chart: a collection, which of its figures, and the value. */
interface Bar {
  collection: string;
  series: string;
  value: number;
}

/** groupedBars draws one group of horizontal bars per collection, one bar per series, in the given order. */
function groupedBars(names: readonly string[], bars: Bar[], style: { domain: string[]; range: string[] }, x: { title: string; format?: string; tooltipFormat: string }): TopLevelSpec {
  return {
    width: 'container',
    height: Math.max(CHART_HEIGHT, names.length * BAR_SIZE * style.domain.length + 40),
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values: bars },
    mark: { type: 'bar', size: BAR_SIZE },
    encoding: {
      y: { field: 'collection', type: 'nominal', title: null, sort: [...names], axis: { labelLimit: 160 } },
      yOffset: { field: 'series', type: 'nominal', sort: style.domain },
      x: { field: 'value', type: 'quantitative', title: x.title, ...(x.format ? { axis: { format: x.format } } : {}) },
      color: { field: 'series', type: 'nominal', title: null, scale: style, legend: { orient: 'top' } },
      tooltip: [
        { field: 'collection', type: 'nominal' },
        { field: 'series', type: 'nominal' },
        { field: 'value', type: 'quantitative', title: x.title, format: x.tooltipFormat },
      ],
    },
  };
}

/**
 * collectionLatencyChart compares p50, p95 and p99 across collections: a filtered code search
 * or a payload-heavy collection shows here before it moves the run's overall percentiles.
 */
export function collectionLatencyChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-collection-latency',
    section: 'collections' as const,
    title: 'Latency per collection',
    caption: 'p50, p95 and p99 of each collection over the whole run, slowest first.',
  };
  const names = collectionNames(input);
  const percentiles = ['p50', 'p95', 'p99'] as const;
  const bars = names.flatMap((collection) => {
    const latency = input.summary.collections[collection]!.latencyMs;
    return latency === null ? [] : percentiles.map((series) => ({ collection, series, value: compact(latency[series]) }));
  });
  if (bars.length === 0) return withoutData(base, 'no data: no collection completed a request');
  return { ...base, spec: groupedBars(names, bars, { domain: [...percentiles], range: ['#85c1e9', '#2471a3', '#6c3483'] }, { title: 'ms', tooltipFormat: ',.4~r' }) };
}

/**
 * collectionShareChart sets each collection's share of the requests against the share the mix
 * asked for: a gap means the weighted round-robin, or the run, did not send the mix it promised.
 */
export function collectionShareChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-collection-share',
    section: 'collections' as const,
    title: 'Share of requests per collection',
    caption: 'The share of requests each collection received, against the share the mix asked for.',
  };
  const names = collectionNames(input);
  if (!names.some((name) => input.summary.collections[name]!.requests > 0)) return withoutData(base, 'no data: no request was sent to any collection');
  const bars = names.flatMap((collection) => {
    const entry = input.summary.collections[collection]!;
    return [
      { collection, series: 'achieved', value: compact(entry.share) },
      { collection, series: 'mix', value: compact(entry.expectedShare) },
    ];
  });
  return { ...base, spec: groupedBars(names, bars, { domain: ['achieved', 'mix'], range: ['#2471a3', '#bdc3c7'] }, { title: 'share of requests', format: '.0%', tooltipFormat: '.1%' }) };
}
