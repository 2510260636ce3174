import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/paths.ts';
import { HISTOGRAM_DIGITS, HISTOGRAM_HIGHEST_MS, HISTOGRAM_HIGHEST_US, HISTOGRAM_LOWEST_US } from '../histogram-range.ts';
import { decodeHistogram, encodeHistogram, HISTOGRAM_RANGE, HistogramMerger, newHistogram, type Histogram } from './histogram.ts';

function histogramOf(valuesUs: number[]): Histogram {
  const histogram = newHistogram();
  for (const value of valuesUs) histogram.recordValue(value);
  return histogram;
}

describe('the histogram range (the Go engine checks the same vector)', () => {
  it('is the range of test/vectors/histogram.json, the one every new histogram is built with', () => {
    const vector = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'vectors', 'histogram.json'), 'utf8')) as { lowestUs: number; highestUs: number; significantDigits: number };
    expect({ lowestUs: HISTOGRAM_LOWEST_US, highestUs: HISTOGRAM_HIGHEST_US, significantDigits: HISTOGRAM_DIGITS }).toEqual({ lowestUs: vector.lowestUs, highestUs: vector.highestUs, significantDigits: vector.significantDigits });
    expect(HISTOGRAM_HIGHEST_MS * 1000).toBe(vector.highestUs);
    expect(HISTOGRAM_RANGE).toEqual({ lowestDiscernibleValue: vector.lowestUs, highestTrackableValue: vector.highestUs, numberOfSignificantValueDigits: vector.significantDigits });
  });
});

describe('encodeHistogram / decodeHistogram', () => {
  it('round-trips the V2 compressed base64 form with its count and percentiles', () => {
    const encoded = encodeHistogram(histogramOf([100, 200, 300, 400, 5000]), 5000);
    expect(encoded.hist.startsWith('HISTFAAA')).toBe(true);
    expect(encoded).toMatchObject({ count: 5, max: 5000 });
    const decoded = decodeHistogram(encoded.hist);
    expect(decoded.totalCount).toBe(5);
    expect(decoded.getValueAtPercentile(50)).toBe(300);
  });

  it('refuses a string that is not a V2 compressed histogram, naming what it got', () => {
    expect(() => decodeHistogram('not-a-histogram')).toThrow(/not a V2 compressed histogram: "not-a-histog/);
  });
});

describe('HistogramMerger', () => {
  it('reads percentiles from the merged counts, not from an average of the windows’ percentiles', () => {
    // Window A: 100 requests at 1 ms. Window B: 100 requests at 100 ms. Together, half the
    // requests took 100 ms, so p95 is 100 ms; averaging the windows' p95s would say 50.5 ms.
    const merger = new HistogramMerger();
    merger.add(histogramOf(Array(100).fill(1_000)));
    merger.add(histogramOf(Array(100).fill(100_000)));
    const stats = merger.stats()!;
    expect(stats.count).toBe(200);
    expect(stats.p50).toBeCloseTo(1_000, -1);
    expect(stats.p95).toBeCloseTo(100_000, -3);
    expect(stats.min).toBe(1_000);
  });

  it('keeps the windows’ exact max and never reports a percentile above it', () => {
    // 100 000 µs falls in a bucket whose top is 100 031 µs.
    const merger = new HistogramMerger();
    merger.add(histogramOf([100_000, 100_000]), 100_000);
    const stats = merger.stats()!;
    expect(stats.max).toBe(100_000);
    expect(stats.p99).toBe(100_000);
    expect(stats.mean).toBeLessThanOrEqual(100_000);
  });

  it('has no figures when nothing was recorded, and ignores empty histograms', () => {
    const merger = new HistogramMerger();
    merger.add(newHistogram());
    expect(merger.stats()).toBeNull();
  });
});
