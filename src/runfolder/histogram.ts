import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, JsHistogram, type Histogram } from 'hdr-histogram-js';
import { HISTOGRAM_DIGITS, HISTOGRAM_HIGHEST_US, HISTOGRAM_LOWEST_US } from '../histogram-range.ts';
import type { EncodedHistogram } from './engine-lines.ts';

// Decoding, merging and reading percentiles of the windows' HdrHistograms. Percentiles are only
// ever read from a merged histogram: averaging the percentiles of windows would be wrong.

/** HISTOGRAM_RANGE is the range every window histogram records, as hdr-histogram-js's build takes it. */
export const HISTOGRAM_RANGE = {
  lowestDiscernibleValue: HISTOGRAM_LOWEST_US,
  highestTrackableValue: HISTOGRAM_HIGHEST_US,
  numberOfSignificantValueDigits: HISTOGRAM_DIGITS,
} as const;

export type { Histogram };

/** HistogramStats holds what the analysis reads from a histogram, in one unit: the histogram's (µs) or a conversion of it. */
export interface HistogramStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** newHistogram returns an empty histogram over HISTOGRAM_RANGE. */
export function newHistogram(): Histogram {
  return build(HISTOGRAM_RANGE);
}

/** decodeHistogram reads a V2 compressed base64 histogram ("HISTFAAA…"); it throws on anything else. */
export function decodeHistogram(encoded: string): Histogram {
  if (!encoded.startsWith('HISTF')) throw new Error(`not a V2 compressed histogram: "${encoded.slice(0, 12)}…"`);
  return decodeFromCompressedBase64(encoded);
}

/**
 * encodeHistogram writes a histogram the way the engine does. exactMax is the largest value
 * recorded, when the caller knows it: the histogram itself only knows it to within 0.1 %.
 */
export function encodeHistogram(histogram: Histogram, exactMax = histogram.maxValue): EncodedHistogram {
  return { hist: encodeIntoCompressedBase64(histogram), count: histogram.totalCount, max: exactMax };
}

/**
 * HistogramMerger adds histograms into one and reads its figures. It allocates nothing until the
 * first non-empty histogram, so an accumulator per group costs little when a group has no data.
 */
export class HistogramMerger {
  #merged: Histogram | null = null;
  // The windows carry their exact max; the histogram only knows it to within 0.1 %.
  #exactMax = 0;

  /** add merges a decoded histogram; exactMax is the window's own max when it is known. */
  add(histogram: Histogram, exactMax?: number): void {
    if (histogram.totalCount === 0) return;
    this.#merged ??= newHistogram();
    this.#merged.add(histogram);
    this.#exactMax = Math.max(this.#exactMax, exactMax ?? histogram.maxValue);
  }

  /** stats returns the merged figures, or null when nothing was recorded. */
  stats(): HistogramStats | null {
    const merged = this.#merged;
    if (merged === null) return null;
    const max = this.#exactMax;
    // A percentile reads the top of its bucket, which may lie up to 0.1 % above the true max.
    const at = (percentile: number): number => Math.min(merged.getValueAtPercentile(percentile), max);
    return { count: merged.totalCount, min: at(0), mean: Math.min(meanOf(merged), max), p50: at(50), p90: at(90), p95: at(95), p99: at(99), max };
  }
}

/**
 * meanOf is Histogram.mean in one pass over the counts: the library walks an iterator that
 * allocates per value and costs about 1 ms per histogram, which adds up over an hour of seconds.
 */
function meanOf(histogram: Histogram): number {
  if (!(histogram instanceof JsHistogram)) return histogram.mean;
  if (histogram.totalCount === 0) return 0;
  let total = 0;
  let seen = 0;
  for (let i = 0; i < histogram.countsArrayLength && seen < histogram.totalCount; i++) {
    const count = histogram.getCountAtIndex(i);
    if (count === 0) continue;
    total += histogram.medianEquivalentValue(histogram.valueFromIndex(i)) * count;
    seen += count;
  }
  return total / histogram.totalCount;
}
