import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { FIXTURES, loadFixture } from '../testdata/fixtures.ts';
import { buildCharts } from './index.ts';
import { runMarkers } from './markers.ts';
import { seriesOf } from './series.ts';

/** renderSvg draws a spec the way the browser would, without one: vega-lite compiles, vega renders headless. */
async function renderSvg(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(m.join(' ')), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
  const compiled = compile({ ...spec, width: 900 } as TopLevelSpec, { logger: logger as never });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return { svg, warnings };
}

describe('buildCharts', () => {
  it.each(FIXTURES)('draws every chart of %s that has data, with marks and without a vega-lite warning', async (name) => {
    for (const chart of buildCharts(loadFixture(name))) {
      if (chart.spec === null) continue;
      const { svg, warnings } = await renderSvg(chart.spec);
      expect(warnings, chart.id).toEqual([]);
      expect(svg.match(/<path|<line|<rect/g)?.length ?? 0, chart.id).toBeGreaterThan(20);
    }
  });

  it('draws every chart the issue asks for from a run with every sampler', () => {
    const charts = buildCharts(loadFixture('progressive'));
    expect(charts.filter((chart) => chart.spec === null).map((chart) => chart.id)).toEqual([]);
    expect(charts.map((chart) => chart.id)).toEqual([
      'chart-latency-vs-throughput',
      'chart-usl',
      'chart-throughput',
      'chart-latency',
      'chart-errors',
      'chart-node-share',
      'chart-node-health',
      'chart-node-cpu',
      'chart-node-memory',
      'chart-redis',
      'chart-generator',
      'chart-collection-latency',
      'chart-collection-share',
    ]);
  });

  it('says which sampler failed instead of drawing an empty Redis chart', () => {
    const redis = buildCharts(loadFixture('recovery-interrupted')).find((chart) => chart.id === 'chart-redis')!;
    expect(redis.spec).toBeNull();
    expect(redis.noData).toBe('no data: the redis-latency sampler (redis) failed: connect ECONNREFUSED 127.0.0.1:6379');
  });

  it('draws the USL curve through the fitted model and marks its peak', () => {
    const usl = buildCharts(loadFixture('progressive')).find((chart) => chart.id === 'chart-usl')!;
    const layers = (usl.spec as { layer: Array<{ mark: { type: string }; data: { values: Array<Record<string, unknown>> } }> }).layer;
    const curve = layers.find((layer) => layer.mark.type === 'line')!.data.values as Array<{ concurrency: number; throughputRps: number }>;
    const peak = curve.reduce((best, point) => (point.throughputRps > best.throughputRps ? point : best));
    expect(peak.concurrency).toBeGreaterThan(5);
    expect(peak.concurrency).toBeLessThan(7);
    expect(layers.find((layer) => layer.mark.type === 'text')!.data.values[0]!.label).toBe('N* = 6, peak 590 req/s');
  });
});

describe('runMarkers', () => {
  it('marks the breaking point at the start of the breaking step', () => {
    expect(runMarkers(loadFixture('progressive').summary).map((m) => [m.second, m.label])).toEqual([[52, 'breaking point (latency)']]);
  });

  it('marks the failover, the end of the overload and the recovery in time order', () => {
    expect(runMarkers(loadFixture('recovery-interrupted').summary).map((m) => [m.second, m.label])).toEqual([
      [20, '127.0.0.1:6342 down'],
      [31, '127.0.0.1:6342 back'],
      [36, 'overload ends'],
      [45, 'recovered (9 s)'],
    ]);
  });
});

describe('seriesOf', () => {
  it('keeps a second without data as a gap, and leaves out a series with no data at all', () => {
    const rows = loadFixture('recovery-interrupted').timeseries.slice(0, 3);
    const points = seriesOf(rows, [
      ['p95', (row) => (row.second === 1 ? null : row.second)],
      ['redis', (row) => row.redisP99Ms],
    ]);
    expect(points).toEqual([
      { second: 0, series: 'p95', value: 0 },
      { second: 1, series: 'p95', value: null },
      { second: 2, series: 'p95', value: 2 },
    ]);
  });
});
