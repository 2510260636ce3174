/** Step is one fixed-rate run of a tool: what was offered and what came back. */
export interface Step {
  offered: number;
  achieved: number;
  sustained: boolean;
  /** Latency percentiles, ms, as the tool measures them. */
  p50Ms: number;
  p99Ms: number;
  note: string;
}

/** RateSearch is the outcome of searchMaxRate: the highest sustained rate and every step run. */
export interface RateSearch {
  maxSustained: number;
  steps: Step[];
}

/**
 * searchMaxRate finds the highest rate a tool sustains: it doubles the rate from `start` until a
 * step fails (or `ceiling` is reached), then bisects between the last rate sustained and the first
 * that was not, `refinements` times, in steps of `grain`. A rate is tried up to `tries` times and
 * holds when one try does: on a machine shared with other work, a busy moment can sink one short
 * step, and it sinks every tool alike.
 */
export async function searchMaxRate(
  runStep: (rate: number) => Promise<Step>,
  options: { start: number; ceiling: number; refinements: number; grain: number; tries: number },
): Promise<RateSearch> {
  const steps: Step[] = [];
  const attempt = async (rate: number): Promise<boolean> => {
    for (let i = 0; i < options.tries; i++) {
      const step = await runStep(rate);
      steps.push(step);
      if (step.sustained) return true;
    }
    return false;
  };
  let low = 0;
  let high = options.start;
  while (high <= options.ceiling && (await attempt(high))) {
    low = high;
    high *= 2;
  }
  if (high > options.ceiling) return { maxSustained: low, steps };
  for (let i = 0; i < options.refinements; i++) {
    const mid = Math.round((low + high) / 2 / options.grain) * options.grain;
    if (mid <= low || mid >= high) break;
    if (await attempt(mid)) low = mid;
    else high = mid;
  }
  return { maxSustained: low, steps };
}
