import { describe, expect, it } from 'vitest';
import { formatBytes, formatDecimal, formatMs, formatQuantity, formatRatio, formatSignedRatio, NO_DATA } from './format.ts';

describe('formatDecimal', () => {
  it.each([
    [0, '0'],
    [0.41234, '0.412'],
    [4.126, '4.13'],
    [17.7, '17.7'],
    [523.42, '523'],
    [12345.6, '12,346'],
  ])('writes %d as %s', (value, text) => expect(formatDecimal(value)).toBe(text));
});

describe('missing values', () => {
  it('read "no data" in every unit, never 0', () => {
    expect([formatMs(null), formatRatio(undefined), formatBytes(null), formatQuantity(null, 'ms')]).toEqual([NO_DATA, NO_DATA, NO_DATA, NO_DATA]);
  });
});

describe('formatQuantity', () => {
  it('writes ratios as percentages and the rest with their unit', () => {
    expect(formatQuantity(0.0142, 'ratio')).toBe('1.42%');
    expect(formatQuantity(0.9, 'ratio')).toBe('90%');
    expect(formatQuantity(20, 'ms')).toBe('20 ms');
    expect(formatQuantity(800, 'req/s')).toBe('800 req/s');
    expect(formatQuantity(60, 's')).toBe('60 s');
    expect(formatQuantity(9000, 'connections')).toBe('9,000 connections');
  });
});

describe('formatSignedRatio', () => {
  it('signs a relative change', () => {
    expect([formatSignedRatio(0.125), formatSignedRatio(-0.03), formatSignedRatio(0)]).toEqual(['+12.5%', '−3%', '0%']);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(8_331_407_360)).toBe('7.76 GiB');
  });
});
