// The range every latency histogram of a run records, in one leaf module: the run folder's format
// fixes it (docs/run-folder.md) so that windows merge exactly, and the config stage bounds the
// request timeout by it. engine/histogram.go has the same constants; test/vectors/histogram.json
// pins both.

/** HISTOGRAM_LOWEST_US is the smallest value a window histogram tells apart: shorter records as it. */
export const HISTOGRAM_LOWEST_US = 1;
/** HISTOGRAM_HIGHEST_US is the ceiling of every window histogram, 60 s: anything longer records as it. */
export const HISTOGRAM_HIGHEST_US = 60_000_000;
/**
 * HISTOGRAM_HIGHEST_MS is HISTOGRAM_HIGHEST_US in milliseconds: the longest request timeout worth
 * setting, since a longer one would record every late answer as 60 s.
 */
export const HISTOGRAM_HIGHEST_MS = HISTOGRAM_HIGHEST_US / 1000;
/** HISTOGRAM_DIGITS is the precision of every window histogram, in significant decimal digits. */
export const HISTOGRAM_DIGITS = 3;
