import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../analysis/summary-types.ts';
import type { SampleKind } from '../../runfolder/sample-lines.ts';

/** LayerSpec is one layer of a layered vega-lite chart (the type vega-lite exports only as part of TopLevelSpec). */
export type LayerSpec = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** ChartSection says where a chart stands in the report: the time charts share one x axis, one under another. */
export type ChartSection = 'time' | 'capacity' | 'collections';

export interface ChartBase {
  /** The HTML element id the chart is embedded into. */
  id: string;
  section: ChartSection;
  title: string;
  /** One sentence on how to read the chart. */
  caption: string;
}

/** Chart is a vega-lite spec with its data inlined, or the reason there is nothing to draw. */
export type Chart = ChartBase & ({ spec: TopLevelSpec; noData?: undefined } | { spec: null; noData: string });

export function withoutData(base: ChartBase, reason: string): Chart {
  return { ...base, spec: null, noData: reason };
}

/** CHART_HEIGHT keeps every chart the same height so the time charts line up on a laptop screen. */
export const CHART_HEIGHT = 200;

/** AXIS_EXTENT fixes the y axes' width so the time charts' plot areas line up under one another. */
export const AXIS_EXTENT = 52;

/**
 * samplerGapReason explains an empty chart from the samplers' own status: a chart is empty because
 * a sampler failed, degraded or never ran, and the reader should know which.
 */
export function samplerGapReason(summary: Summary, kinds: readonly SampleKind[], what: string): string {
  const samplers = summary.samplers.filter((sampler) => kinds.includes(sampler.kind));
  if (samplers.length === 0) return `no data: ${what} was not sampled (no ${kinds.join(' or ')} sampler ran)`;
  const failed = samplers.find((sampler) => sampler.status !== 'ok' && sampler.lastError);
  if (failed) return `no data: the ${failed.name} sampler (${failed.source}) ${failed.status}: ${failed.lastError}`;
  return `no data: the ${samplers.map((sampler) => sampler.name).join(', ')} sampler returned nothing for ${what}`;
}
