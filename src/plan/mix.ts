/**
 * SmoothWeightedRoundRobin picks the collection of each request (nginx's smooth weighted
 * round-robin): deterministic, interleaved rather than bursty, and (for whole-number weights, as
 * the mix's percentages are) exact over every cycle of sum(weights) picks, so achieved shares
 * match the weights without randomness. The Go engine
 * implements the same algorithm and test/vectors/mix-sequence.json pins both.
 */
export class SmoothWeightedRoundRobin {
  private readonly current: number[];
  private readonly total: number;

  constructor(private readonly weights: readonly number[]) {
    if (weights.length === 0 || weights.some((w) => !(w > 0))) throw new Error('weights must be positive and non-empty');
    this.current = weights.map(() => 0);
    this.total = weights.reduce((sum, w) => sum + w, 0);
  }

  next(): number {
    let best = 0;
    for (let i = 0; i < this.weights.length; i++) {
      this.current[i]! += this.weights[i]!;
      if (this.current[i]! > this.current[best]!) best = i;
    }
    this.current[best]! -= this.total;
    return best;
  }
}

/**
 * Mulberry32 is a tiny seeded PRNG (the same 32-bit arithmetic in Go), used to pick which query
 * vector of a collection each request carries, so a run is repeatable from its --seed.
 */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** nextUint32 returns the next value in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** nextFloat returns a value in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** nextInt returns an integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }
}

/** shares turns weights into fractions of the total, renormalised over the entries given. */
export function shares(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

