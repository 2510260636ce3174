/**
 * KNEEDLE_SENSITIVITY is Kneedle's S: how far the difference curve must fall after a candidate,
 * in units of the mean x spacing, before the candidate counts as a knee. 1 is the paper's default.
 */
export const KNEEDLE_SENSITIVITY = 1;

/**
 * kneedle finds the knee of a concave increasing curve (Satopää et al., 2011, "Finding a
 * 'Kneedle' in a Haystack"): the index where y stops growing with x, or null when there is none.
 * x must increase. Both axes are normalised to [0, 1]; the knee candidates are the local maxima
 * of y − x; a candidate is a knee once y − x falls below its value less S times the mean x
 * spacing before the next candidate. The first knee is returned. The paper smooths noisy curves
 * first; the caller's points are already means over whole steps.
 */
export function kneedle(x: readonly number[], y: readonly number[], sensitivity = KNEEDLE_SENSITIVITY): number | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const xn = normalise(x);
  const yn = normalise(y);
  if (!xn || !yn) return null;
  const difference = yn.map((v, i) => v - xn[i]!);
  const meanSpacing = 1 / (n - 1);
  for (let i = 1; i < n - 1; i++) {
    const isCandidate = difference[i]! > difference[i - 1]! && difference[i]! >= difference[i + 1]!;
    if (!isCandidate) continue;
    const threshold = difference[i]! - sensitivity * meanSpacing;
    for (let j = i + 1; j < n; j++) {
      if (difference[j]! < threshold) return i;
      const nextCandidate = j < n - 1 && difference[j]! > difference[j - 1]! && difference[j]! >= difference[j + 1]!;
      if (nextCandidate) break;
    }
  }
  return null;
}

function normalise(values: readonly number[]): number[] | null {
  const low = Math.min(...values);
  const span = Math.max(...values) - low;
  return span > 0 ? values.map((v) => (v - low) / span) : null;
}
