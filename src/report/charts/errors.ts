import { ERROR_CLASSES } from '../../runfolder/engine-lines.ts';
import type { ReportInput } from '../input.ts';
import { withoutData, type Chart } from './chart.ts';
import { seriesOf } from './series.ts';
import { twoAxisChart } from './time.ts';

/** ERROR_COLORS gives each error class one colour in every chart: a timeout is never confused with a 503. */
const ERROR_COLORS: Record<(typeof ERROR_CLASSES)[number], string> = {
  timeout: '#c0392b',
  refused: '#8e44ad',
  reset: '#d35400',
  status429: '#f1c40f',
  status4xx: '#16a085',
  status5xx: '#e74c3c',
  check: '#2c3e50',
  other: '#95a5a6',
};

/**
 * errorsChart stacks the failed requests of every second by class, with the error rate on its
 * own axis: the classes tell an overloaded target (timeouts, 503s, 429s) from a broken one
 * (refused, reset, wrong response shape).
 */
export function errorsChart(input: ReportInput): Chart {
  const base = {
    id: 'chart-errors',
    section: 'time' as const,
    title: 'Errors by class',
    caption: 'Failed requests per second, stacked by class (left axis), and the share of completed requests that failed (right axis).',
  };
  const rows = input.timeseries;
  const classes = ERROR_CLASSES.filter((name) => rows.some((row) => row.errors[name] > 0));
  const counts = seriesOf(rows, classes.map((name) => [name, (row) => row.errors[name]] as const));
  const rate = seriesOf(rows, [['error rate', (row) => row.errorRate]]);
  const spec = twoAxisChart(
    input,
    { points: counts, options: { yTitle: 'failed requests/s', style: { domain: [...classes], range: classes.map((name) => ERROR_COLORS[name]) }, stack: 'zero' } },
    { points: rate, options: { yTitle: 'error rate', style: { domain: ['error rate'], range: ['#1b2631'] }, yFormat: '.1%' } },
  );
  return spec ? { ...base, spec } : withoutData(base, 'no data: no request completed, so there is no error rate');
}
