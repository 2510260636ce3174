import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/paths.ts';
import type { EncodedHistogram } from './engine-lines.ts';

// The Go engine writes window histograms with hdrhistogram-go; Node decodes and merges them with
// hdr-histogram-js. engine/histogram_test.go writes this sample (and checks it is current).
const sample = JSON.parse(readFileSync(join(PROJECT_ROOT, 'engine', 'testdata', 'histogram-sample.json'), 'utf8')) as {
  valuesUs: number[];
  encoded: EncodedHistogram;
  quantiles: Record<string, number>;
  min: number;
};

describe('a histogram written by the Go engine', () => {
  const histogram = hdr.decodeFromCompressedBase64(sample.encoded.hist);

  it('decodes with the range and precision of docs/run-folder.md', () => {
    expect(sample.encoded.hist.startsWith('HISTFAAA')).toBe(true);
    expect(histogram.highestTrackableValue).toBeGreaterThanOrEqual(60_000_000);
    expect(histogram.numberOfSignificantValueDigits).toBe(3);
  });

  it('holds the same values: count, min and the percentiles Go computed', () => {
    expect(histogram.totalCount).toBe(sample.valuesUs.length);
    expect(histogram.totalCount).toBe(sample.encoded.count);
    expect(histogram.minNonZeroValue).toBe(sample.min);
    for (const [percentile, value] of Object.entries(sample.quantiles)) {
      expect(histogram.getValueAtPercentile(Number(percentile)), `p${percentile}`).toBe(value);
    }
  });

  it('merges exactly: two copies add up to twice the counts and keep the percentiles', () => {
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
    merged.add(histogram);
    merged.add(hdr.decodeFromCompressedBase64(sample.encoded.hist));
    expect(merged.totalCount).toBe(2 * sample.encoded.count);
    expect(merged.getValueAtPercentile(50)).toBe(sample.quantiles['50']);
  });
});
