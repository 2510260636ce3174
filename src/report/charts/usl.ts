import type { CapacityModel } from '../../analysis/summary-types.ts';
import { uslThroughput } from '../../analysis/usl.ts';
import type { ReportInput } from '../input.ts';
import { AXIS_EXTENT, CHART_HEIGHT, withoutData, type Chart, type LayerSpec } from './chart.ts';
import { MARKER_COLORS } from './markers.ts';
import { compact } from './series.ts';
import { capacityModelSentence } from '../wording/findings.ts';

/** FittedModel is a capacity model whose three coefficients are known. */
export type FittedModel = CapacityModel & { sigma: number; kappa: number; lambda: number };

export function fittedModel(model: CapacityModel): FittedModel | null {
  return model.fitted && model.sigma !== null && model.kappa !== null && model.lambda !== null ? (model as FittedModel) : null;
}

/**
 * uslCurve samples the fitted model geometrically between two concurrencies, so the curve is as
 * smooth at one request in flight as at two hundred.
 */
export function uslCurve(model: FittedModel, from: number, to: number, samples = 80): Array<{ concurrency: number; throughputRps: number }> {
  const start = Math.max(from, 1e-3);
  const ratio = Math.pow(to / start, 1 / (samples - 1));
  return Array.from({ length: samples }, (_, i) => {
    const concurrency = start * Math.pow(ratio, i);
    return { concurrency: compact(concurrency), throughputRps: compact(uslThroughput(model.sigma, model.kappa, model.lambda, concurrency)) };
  });
}

const STEP = 'step';
const BEFORE = 'before the breaking point';
const PAST = 'at or past the breaking point';

/**
 * uslChart draws each step's throughput against its mean concurrency (Little's law: throughput ×
 * latency) with the fitted Universal Scalability Law curve and its peak. Past the breaking point
 * concurrency grows as queueing, not parallelism: the points leave the curve, which is the point.
 */
export function uslChart(input: ReportInput): Chart {
  const { summary } = input;
  const base = {
    id: 'chart-usl',
    section: 'capacity' as const,
    title: 'Throughput vs concurrency (USL)',
    caption: 'Each step’s throughput against its mean requests in flight (log scale), with the fitted Universal Scalability Law curve and its peak N*.',
  };
  const breaking = summary.breakingPoint.found ? summary.breakingPoint.stepIndex : null;
  const phases = breaking === null ? [STEP] : [BEFORE, PAST];
  const steps = summary.steps
    .filter((step) => step.concurrency > 0)
    .map((step) => ({
      step: step.name,
      index: step.index,
      concurrency: compact(step.concurrency),
      throughputRps: compact(step.throughputRps),
      phase: breaking === null ? STEP : step.index >= breaking ? PAST : BEFORE,
    }));
  if (steps.length === 0) return withoutData(base, `no data: no step had requests in flight (${capacityModelSentence(summary.capacityModel)})`);

  const model = fittedModel(summary.capacityModel);
  const x = { field: 'concurrency', type: 'quantitative', title: 'mean requests in flight (log scale)', scale: { type: 'log' } } as const;
  const y = { field: 'throughputRps', type: 'quantitative', title: 'req/s', axis: { minExtent: AXIS_EXTENT, maxExtent: AXIS_EXTENT } } as const;
  const concurrencies = steps.map((step) => step.concurrency);
  const layers: LayerSpec[] = [];
  if (model) {
    layers.push({
      data: { values: uslCurve(model, Math.min(...concurrencies) / 2, Math.max(...concurrencies) * 1.2) },
      mark: { type: 'line', strokeDash: [5, 3], color: '#7f8c8d', clip: true },
      encoding: { x, y },
    });
    if (model.peakConcurrency !== null && model.peakConcurrency > 0) {
      const peak = { values: [{ concurrency: model.peakConcurrency, label: `N* = ${model.peakConcurrency}${model.peakThroughputRps === null ? '' : `, peak ${Math.round(model.peakThroughputRps)} req/s`}` }] };
      layers.push(
        { data: peak, mark: { type: 'rule', strokeDash: [2, 2], color: '#7f8c8d' }, encoding: { x } },
        { data: peak, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: '#555' }, encoding: { x, y: { value: 0 }, text: { field: 'label', type: 'nominal' } } },
      );
    }
  }
  layers.push({
    data: { values: steps },
    mark: { type: 'point', filled: true, size: 45 },
    encoding: {
      x,
      y,
      color: { field: 'phase', type: 'nominal', title: null, scale: { domain: phases, range: ['#2471a3', MARKER_COLORS.breakingPoint] }, legend: { orient: 'top' } },
      tooltip: [
        { field: 'step', type: 'nominal', title: 'step' },
        { field: 'concurrency', type: 'quantitative', title: 'in flight' },
        { field: 'throughputRps', type: 'quantitative', title: 'req/s' },
      ],
    },
  });
  const caption = model ? base.caption : `Each step’s throughput against its mean requests in flight (log scale). No USL curve: ${capacityModelSentence(summary.capacityModel)}`;
  return { ...base, caption, spec: { width: 'container', height: CHART_HEIGHT, autosize: { type: 'fit-x', contains: 'padding' }, layer: layers } };
}
