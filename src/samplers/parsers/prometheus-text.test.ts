import { describe, expect, it } from 'vitest';
import { MetricIndex, parsePrometheusText } from './prometheus-text.ts';

describe('parsePrometheusText', () => {
  it('reads names, labels with escapes and braces, special values and timestamps', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x a help line',
        'plain 3',
        'route_total{method="POST",endpoint="/collections/{collection_name}/points"} 42',
        'escaped{msg="a \\"quoted\\" \\\\ and\\nnewline",  b = "2" ,} 1.5e3 1700000000000',
        'inf{le="+Inf"} +Inf',
        'neg -Inf',
        'nan NaN',
        '',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'plain', labels: {}, value: 3 },
      { name: 'route_total', labels: { method: 'POST', endpoint: '/collections/{collection_name}/points' }, value: 42 },
      { name: 'escaped', labels: { msg: 'a "quoted" \\ and\nnewline', b: '2' }, value: 1500 },
      { name: 'inf', labels: { le: '+Inf' }, value: Number.POSITIVE_INFINITY },
      { name: 'neg', labels: {}, value: Number.NEGATIVE_INFINITY },
      { name: 'nan', labels: {}, value: Number.NaN },
    ]);
  });

  it('refuses a line that is not a sample, naming the line', () => {
    expect(() => parsePrometheusText('ok 1\n<html><body>502 Bad Gateway</body></html>')).toThrow(/line 2/);
    expect(() => parsePrometheusText('unterminated{a="x} 1')).toThrow(/unterminated value of label a/);
    expect(() => parsePrometheusText('novalue{a="x"}')).toThrow(/not a sample value/);
  });
});

describe('MetricIndex', () => {
  const text = 'qdrant_app_info{version="1.19.0"} 1\nqdrant_rest_responses_total{status="200"} 5\nqdrant_rest_responses_total{status="500"} 2\nother_metric 9\n';

  it('finds the prefix from an anchor name and looks metrics up without it', () => {
    const index = new MetricIndex(parsePrometheusText(text), ['app_info']);
    expect(index.sum('rest_responses_total')).toBe(7);
    expect(index.sum('rest_responses_total', (labels) => labels.status !== '200')).toBe(2);
    expect(index.value('app_info')).toBe(1);
    expect(index.has('other_metric')).toBe(false);
  });

  it('reads unprefixed names when the anchor has no prefix', () => {
    const index = new MetricIndex(parsePrometheusText('app_info 1\nrest_responses_total 4\n'), ['app_info']);
    expect(index.sum('rest_responses_total')).toBe(4);
    expect(index.value('missing')).toBeUndefined();
  });
});
