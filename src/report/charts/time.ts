import type { TopLevelSpec } from 'vega-lite';
import type { ReportInput } from '../input.ts';
import { AXIS_EXTENT, CHART_HEIGHT, type LayerSpec } from './chart.ts';
import { runMarkers, stageBands, type Marker } from './markers.ts';
import { hasData, type Point } from './series.ts';

const X_TITLE = 'seconds since the start of the plan';

/** RIGHT_AXIS_WIDTH is a right y axis's labels and title together. */
const RIGHT_AXIS_WIDTH = AXIS_EXTENT + 14;

/** MAX_STAGE_LABELS: past this many stages (a progressive run's twenty steps) labels would overlap; tooltips still name them. */
const MAX_STAGE_LABELS = 10;

/**
 * timeAxis is the x encoding every time chart shares: the same domain, the plan's whole duration
 * (or the run's, if it ran longer), so charts stacked one under another line up second by second.
 */
export function timeAxis(input: ReportInput, field = 'second') {
  const lastSecond = input.timeseries.reduce((last, row) => Math.max(last, row.second + 1), 0);
  const domain: [number, number] = [0, Math.max(input.manifest.plan.durationSeconds, lastSecond, 1)];
  // Whole seconds only: a 16-second lab run would otherwise be ticked 0.0, 0.5, 1.0…
  return { field, type: 'quantitative', title: X_TITLE, scale: { domain, nice: false, zero: true }, axis: { format: 'd', tickMinStep: 1 } } as const;
}

export interface SeriesStyle {
  /** Series names in legend order, and their colours. */
  domain: string[];
  range: string[];
  /** Series drawn dashed (a plan's target, a model). */
  dashed?: string[];
}

export interface LinesOptions {
  yTitle: string;
  style: SeriesStyle;
  yScale?: { type?: 'linear' | 'log' | 'symlog'; domain?: [number, number]; zero?: boolean };
  yFormat?: string;
  /** Draw the y axis on the right, for a second measure on the same chart. */
  orient?: 'left' | 'right';
  /** Stack the series as areas (e.g. each node's share of the requests). */
  stack?: 'normalize' | 'zero';
}

/** lines draws named series over time, one colour each, breaking at seconds with no data. */
export function lines(input: ReportInput, points: Point[], options: LinesOptions): LayerSpec {
  const { domain, range, dashed = [] } = options.style;
  const present = domain.filter((name) => points.some((point) => point.series === name));
  const colors = present.map((name) => range[domain.indexOf(name)] ?? '#888');
  // Colour and dash share one legend: vega-lite merges legends of one field when their settings agree.
  const legend = { orient: 'top', direction: 'horizontal', symbolType: 'stroke' } as const;
  return {
    data: { values: points },
    mark: options.stack ? { type: 'area', line: { strokeWidth: 1 }, opacity: 0.75 } : { type: 'line', strokeWidth: 1.6, clip: true },
    encoding: {
      x: timeAxis(input),
      y: {
        field: 'value',
        type: 'quantitative',
        title: options.yTitle,
        ...(options.stack ? { stack: options.stack } : {}),
        ...(options.yScale ? { scale: options.yScale } : {}),
        axis: { orient: options.orient ?? 'left', minExtent: AXIS_EXTENT, maxExtent: AXIS_EXTENT, ...(options.yFormat ? { format: options.yFormat } : {}) },
      },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: present, range: colors }, legend },
      ...(dashed.length > 0
        ? { strokeDash: { field: 'series', type: 'nominal', scale: { domain: present, range: present.map((name) => (dashed.includes(name) ? [5, 3] : [1, 0])) }, legend } }
        : {}),
      tooltip: [
        { field: 'second', type: 'quantitative', title: 'second' },
        { field: 'series', type: 'nominal', title: 'series' },
        { field: 'value', type: 'quantitative', title: options.yTitle, format: options.yFormat ?? ',.4~r' },
      ],
    },
  };
}

/** Measure is one quantity of a two-axis chart: its series and how to draw them. */
export interface Measure {
  points: Point[];
  options: Omit<LinesOptions, 'orient'>;
}

/**
 * twoAxisChart draws two quantities of different units over time, the first on the left axis and
 * the second on the right; one without data is left out and the other takes the left axis. Null
 * when neither has data.
 */
export function twoAxisChart(input: ReportInput, first: Measure, second: Measure): TopLevelSpec | null {
  const measured = [first, second].filter((measure) => hasData(measure.points));
  if (measured.length === 0) return null;
  const layers = measured.map((measure, i) => lines(input, measure.points, { ...measure.options, orient: i === 0 ? 'left' : 'right' }));
  return timeChart(input, layers, { independentY: layers.length > 1 });
}

/**
 * timeChart stacks the stage bands, the chart's own layers and the run's markers (breaking point,
 * overload end, recovery, failovers) on the shared time axis.
 */
export function timeChart(input: ReportInput, layers: LayerSpec[], options: { independentY?: boolean } = {}): TopLevelSpec {
  return {
    width: 'container',
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    // A chart with one y axis keeps the room a right axis would take, so its plot lines up with the two-axis charts'.
    padding: { left: 5, top: 5, bottom: 5, right: options.independentY ? 5 : 5 + RIGHT_AXIS_WIDTH },
    layer: [...stageLayers(input), ...layers, ...markerLayers(input)],
    ...(options.independentY ? { resolve: { scale: { y: 'independent', color: 'independent', strokeDash: 'independent' } } } : {}),
  };
}

function stageLayers(input: ReportInput): LayerSpec[] {
  const bands = stageBands(input.manifest.plan.stages);
  if (bands.length === 0) return [];
  const x = timeAxis(input, 'start');
  const shaded: LayerSpec = {
    data: { values: bands },
    mark: { type: 'rect' },
    encoding: {
      x,
      x2: { field: 'end' },
      fill: { field: 'color', type: 'nominal', scale: null },
      opacity: { field: 'opacity', type: 'quantitative', scale: null },
      tooltip: [
        { field: 'name', type: 'nominal', title: 'stage' },
        { field: 'role', type: 'nominal', title: 'role' },
        { field: 'start', type: 'quantitative', title: 'from second' },
        { field: 'end', type: 'quantitative', title: 'to second' },
      ],
    },
  };
  if (bands.length > MAX_STAGE_LABELS) return [shaded];
  const labels: LayerSpec = {
    data: { values: bands.map((band) => ({ ...band, middle: (band.start + band.end) / 2 })) },
    mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10, color: '#666' },
    encoding: { x: timeAxis(input, 'middle'), y: { value: { expr: 'height' } }, text: { field: 'name', type: 'nominal' } },
  };
  return [shaded, labels];
}

function markerLayers(input: ReportInput): LayerSpec[] {
  const markers = runMarkers(input.summary);
  if (markers.length === 0) return [];
  const [, duration] = timeAxis(input).scale.domain;
  const data = { values: labelRows(markers, duration) };
  const stroke = { field: 'color', type: 'nominal', scale: null } as const;
  return [
    { data, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: timeAxis(input), stroke, tooltip: [{ field: 'label', type: 'nominal', title: 'event' }, { field: 'second', type: 'quantitative', title: 'second' }] } },
    {
      data,
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, fontWeight: 'bold' },
      // scale: null reads the field as pixels: each label sits on the row labelRows gave it.
      encoding: { x: timeAxis(input), y: { field: 'top', type: 'quantitative', scale: null }, text: { field: 'label', type: 'nominal' }, fill: stroke },
    },
  ];
}

/** LABEL_ROW_HEIGHT and LABEL_SPAN (the share of the time axis a label may cover) keep nearby marker labels apart. */
const LABEL_ROW_HEIGHT = 12;
const LABEL_SPAN = 0.14;

/** labelRows puts each marker's label on the first row where it does not run into the previous label. */
function labelRows(markers: readonly Marker[], duration: number): Array<Marker & { top: number }> {
  const rowEnds: number[] = [];
  return markers.map((marker) => {
    let row = rowEnds.findIndex((end) => end <= marker.second);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = marker.second + duration * LABEL_SPAN;
    return { ...marker, top: row * LABEL_ROW_HEIGHT };
  });
}
