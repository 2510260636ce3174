/**
 * increase is how much a cumulative counter grew between two readings. A counter that went down
 * was reset (the node restarted): it counted up from zero since, so its current value is the increase.
 */
export function increase(previous: number, current: number): number {
  return current >= previous ? current - previous : current;
}

/** perSecond turns a counter's increase over elapsedMs into a rate, rounded to 3 decimals. */
export function perSecond(previous: number, current: number, elapsedMs: number): number {
  return round3((increase(previous, current) * 1000) / Math.max(elapsedMs, 1));
}

/** meanOver divides the increase of a sum by the increase of a count: a mean over the interval, or undefined with no events. */
export function meanOver(sum: [number, number], count: [number, number], scale = 1): number | undefined {
  const events = increase(count[0], count[1]);
  if (events === 0) return undefined;
  return round3((increase(sum[0], sum[1]) / events) * scale);
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
