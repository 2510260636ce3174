import type { ReportInput } from '../input.ts';
import { AXIS_EXTENT, CHART_HEIGHT, withoutData, type Chart, type LayerSpec } from './chart.ts';
import { MARKER_COLORS } from './markers.ts';
import { compact } from './series.ts';
import { fittedModel, uslCurve } from './usl.ts';

const SERIES = ['p50', 'p95', 'p99', 'mean'] as const;
const MODEL = 'USL model (mean)';

/**
 * latencyVsThroughputChart is Gatling's "response time against RPS" per step: latency climbs
 * slowly while the cluster keeps up, then turns vertical where throughput stops following the
 * offered load. The breaking point is ringed; the dashed curve is the mean latency the fitted
 * USL predicts (Little's law: R = N / X(N)).
 */
export function latencyVsThroughputChart(input: ReportInput): Chart {
  const { summary } = input;
  const base = {
    id: 'chart-latency-vs-throughput',
    section: 'capacity' as const,
    title: 'Latency vs throughput per step',
    caption: 'Each step’s ok latency percentiles against its goodput (ok responses per second), log scale.',
  };
  const steps = summary.steps.filter((step) => step.latencyMs !== null && step.throughputRps > 0);
  if (steps.length === 0) return withoutData(base, 'no data: no step completed a request');

  const points = steps.flatMap((step) =>
    SERIES.map((series) => ({ step: step.name, index: step.index, throughputRps: compact(step.throughputRps), series, value: compact(step.latencyMs![series]) })),
  );
  const model = fittedModel(summary.capacityModel);
  // Past its peak N* the model predicts falling throughput, which would fold this curve back on
  // itself; the rising branch is the part that reads as latency against throughput.
  const modelPoints = model
    ? uslCurve(model, Math.min(...steps.map((s) => s.concurrency)) / 2, model.peakConcurrency ?? Math.max(...steps.map((s) => s.concurrency)))
        .filter((p) => p.throughputRps > 0)
        .map((p, index) => ({ step: 'model', index, throughputRps: p.throughputRps, series: MODEL, value: compact((1000 * p.concurrency) / p.throughputRps) }))
    : [];
  const domain: string[] = [...SERIES, ...(model ? [MODEL] : [])];
  const x = { field: 'throughputRps', type: 'quantitative', title: 'achieved req/s' } as const;
  const y = { field: 'value', type: 'quantitative', title: 'ms (log scale)', scale: { type: 'log' }, axis: { minExtent: AXIS_EXTENT, maxExtent: AXIS_EXTENT } } as const;
  const legend = { orient: 'top' } as const;
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain, range: ['#85c1e9', '#2471a3', '#6c3483', '#27ae60', '#7f8c8d'] }, legend } as const;
  const tooltip = [
    { field: 'step', type: 'nominal', title: 'step' },
    { field: 'series', type: 'nominal', title: 'series' },
    { field: 'throughputRps', type: 'quantitative', title: 'req/s' },
    { field: 'value', type: 'quantitative', title: 'ms' },
  ] as const;
  // Steps are joined into a curve only when the offered load only grows (a stepped run); joining a
  // baseline, an overload and a recovery would draw a path that means nothing.
  const stepped = steps.every((step, i) => i === 0 || step.offered >= steps[i - 1]!.offered);
  const joined = [...(stepped ? points : []), ...modelPoints];
  const layers: LayerSpec[] = [
    { data: { values: points }, mark: { type: 'point', filled: true, size: 30 }, encoding: { x, y, color, tooltip: [...tooltip] } },
  ];
  if (joined.length > 0) {
    layers.unshift({
      data: { values: joined },
      mark: { type: 'line', strokeWidth: 1.4, clip: true },
      encoding: { x, y, color, order: { field: 'index', type: 'quantitative' }, strokeDash: { field: 'series', type: 'nominal', scale: { domain, range: domain.map((name) => (name === MODEL ? [5, 3] : [1, 0])) }, title: null, legend } },
    });
  }
  const breaking = steps.find((step) => summary.breakingPoint.found && step.index === summary.breakingPoint.stepIndex);
  if (breaking) {
    const ring = { values: [{ throughputRps: compact(breaking.throughputRps), value: compact(breaking.latencyMs!.p95), label: `breaking point: ${breaking.name}` }] };
    layers.push(
      { data: ring, mark: { type: 'point', shape: 'circle', size: 420, strokeWidth: 2, color: MARKER_COLORS.breakingPoint, filled: false }, encoding: { x, y } },
      { data: ring, mark: { type: 'text', align: 'right', dx: -14, fontSize: 10, fontWeight: 'bold', color: MARKER_COLORS.breakingPoint }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
    );
  }
  const caption = [base.caption, breaking ? 'The ring marks the breaking point.' : '', model ? 'The dashed curve is the mean latency the USL model predicts.' : ''].filter(Boolean).join(' ');
  return { ...base, caption, spec: { width: 'container', height: CHART_HEIGHT, autosize: { type: 'fit-x', contains: 'padding' }, layer: layers } };
}
