import { describe, expect, it } from 'vitest';
import type { Unit } from '../analysis/summary-types.ts';
import {
  formatBitsPerSecond,
  formatBytes,
  formatCoefficient,
  formatCount,
  formatDecimal,
  formatMs,
  formatPercent,
  formatPercentagePoints,
  formatQuantity,
  formatRps,
  formatSeconds,
  formatSignedPercent,
  formatTimes,
  NO_DATA,
} from './format.ts';

describe('formatDecimal', () => {
  it.each([
    [0, '0'],
    [0.41234, '0.412'],
    [4.126, '4.13'],
    [17.7, '17.7'],
    [523.42, '523'],
    [716.29, '716'],
    [12345.6, '12,346'],
  ])('writes %d as %s', (value, text) => expect(formatDecimal(value)).toBe(text));
});

describe('missing values', () => {
  it('read "no data" in every unit, never 0', () => {
    const units: Unit[] = ['ms', 's', 'ratio', 'req/s', 'connections', 'bytes', 'bytes/s', 'bits/s'];
    const formatters = [formatMs, formatRps, formatSeconds, formatPercent, formatCount, formatTimes, formatBytes, formatBitsPerSecond];
    expect([...formatters.map((format) => format(null)), ...units.map((unit) => formatQuantity(undefined, unit))]).toEqual(Array(formatters.length + units.length).fill(NO_DATA));
  });
});

describe('one rule for every unit', () => {
  it('writes a ratio as a percentage by the digit rule, with a space before the sign: never "1.42%" beside "1.4 %"', () => {
    expect([formatPercent(0.014175), formatPercent(0.01), formatPercent(0.9), formatPercent(0.341), formatPercent(1.309 - 1), formatPercent(0)]).toEqual([
      '1.42 %',
      '1 %',
      '90 %',
      '34.1 %',
      '30.9 %',
      '0 %',
    ]);
  });

  it('writes the same number the same way in every unit', () => {
    expect([formatMs(69.08), formatRps(373.025), formatSeconds(9), formatQuantity(0.6908, 'ratio'), formatTimes(1.309)]).toEqual(['69.1 ms', '373 req/s', '9 s', '69.1 %', '1.31×']);
  });

  it('writes a threshold’s value in its unit', () => {
    expect(formatQuantity(0.0142, 'ratio')).toBe('1.42 %');
    expect(formatQuantity(20, 'ms')).toBe('20 ms');
    expect(formatQuantity(800, 'req/s')).toBe('800 req/s');
    expect(formatQuantity(60, 's')).toBe('60 s');
    expect(formatQuantity(9000, 'connections')).toBe('9,000 connections');
    expect(formatQuantity(8_331_407_360, 'bytes')).toBe('7.76 GiB');
    expect(formatQuantity(52_428_800, 'bytes/s')).toBe('50 MiB/s');
    expect(formatQuantity(1.25e9, 'bits/s')).toBe('1.25 Gbit/s');
  });
});

describe('changes', () => {
  it('signs a relative change and a change in points', () => {
    expect([formatSignedPercent(0.125), formatSignedPercent(-0.03), formatSignedPercent(0)]).toEqual(['+12.5 %', '−3 %', '0 %']);
    expect([formatPercentagePoints(0.005), formatPercentagePoints(-0.0142)]).toEqual(['+0.5 pp', '−1.42 pp']);
  });
});

describe('formatCoefficient', () => {
  it('keeps three significant digits however small, so κ ~1e-4 does not read 0', () => {
    expect([formatCoefficient(0.0231), formatCoefficient(0.000123456), formatCoefficient(191.1234)]).toEqual(['0.0231', '0.000123', '191']);
  });
});
