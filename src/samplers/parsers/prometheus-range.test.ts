import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../testdata/helpers.ts';
import { parseRangeAnswer } from './prometheus-range.ts';

describe('parseRangeAnswer', () => {
  it('reads a real query_range matrix into points per instance, in ms', () => {
    expect(parseRangeAnswer(fixtureJson('prometheus/range-cpu.json'))).toEqual([
      { instance: '127.0.0.1:19100', t: 1_795_514_035_305, value: 45.624999999998295 },
      { instance: '127.0.0.1:19100', t: 1_795_514_040_305, value: 48.87500000000102 },
      { instance: '127.0.0.1:19100', t: 1_795_514_045_305, value: 51.12500000000182 },
      { instance: '127.0.0.1:19100', t: 1_795_514_050_305, value: 14.500000000001023 },
    ]);
  });

  it('skips NaN points rather than reading them as zero', () => {
    const body = { status: 'success', data: { resultType: 'matrix', result: [{ metric: { instance: 'h:9100' }, values: [[10, 'NaN'], [11, '2']] }] } };
    expect(parseRangeAnswer(body)).toEqual([{ instance: 'h:9100', t: 11_000, value: 2 }]);
  });

  it("passes on Prometheus's own error", () => {
    expect(() => parseRangeAnswer(fixtureJson('prometheus/range-error.json'))).toThrow(/Prometheus answered bad_data: 1:8: parse error/);
    expect(() => parseRangeAnswer({ status: 'success', data: { resultType: 'vector', result: [] } })).toThrow(/expected a matrix/);
  });
});
