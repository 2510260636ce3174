/**
 * largestOf is the largest of the values, or null when there are none. A loop, not a spread into
 * Math.max: a run of up to a week has more seconds (and samples) than a call may take arguments.
 */
export function largestOf(values: Iterable<number>): number | null {
  let largest: number | null = null;
  for (const value of values) if (largest === null || value > largest) largest = value;
  return largest;
}
