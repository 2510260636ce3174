// Clustered synthetic vectors: points gather around a few random centres, as embeddings of related
// documents do, so nearest neighbours mean something and a search has structure to find (uniform
// noise in high dimensions makes every point about equally far from every query).

import { Mulberry32 } from '../plan/mix.ts';

/** Gaussian draws standard normal values from a seeded uniform source (Box–Muller, both halves used). */
export class Gaussian {
  private spare: number | undefined;

  constructor(private readonly uniform: Mulberry32) {}

  next(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform.nextFloat()));
    const angle = 2 * Math.PI * this.uniform.nextFloat();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

export interface ClusteredSpec {
  dim: number;
  points: number;
  queries: number;
  clusters: number;
  /** Standard deviation of each component around its centre; centres have unit variance per component. */
  spread: number;
  seed: number;
}

export interface ClusteredVectors {
  points: Float32Array;
  queries: Float32Array;
  /** The cluster of each point and query, for payloads that follow the topic of their vector. */
  pointClusters: Uint16Array;
  queryClusters: Uint16Array;
}

/**
 * clusteredVectors draws the centres, then the points and the queries around them. Queries are
 * fresh draws from the same clusters, never copies of points, as real queries are.
 */
export function clusteredVectors(spec: ClusteredSpec): ClusteredVectors {
  const uniform = new Mulberry32(spec.seed);
  const gaussian = new Gaussian(uniform);
  const centres = Float32Array.from({ length: spec.clusters * spec.dim }, () => gaussian.next());
  const around = (count: number): { rows: Float32Array; clusters: Uint16Array } => {
    const rows = new Float32Array(count * spec.dim);
    const clusters = new Uint16Array(count);
    for (let row = 0; row < count; row++) {
      const cluster = uniform.nextInt(spec.clusters);
      clusters[row] = cluster;
      for (let i = 0; i < spec.dim; i++) rows[row * spec.dim + i] = centres[cluster * spec.dim + i]! + spec.spread * gaussian.next();
    }
    return { rows, clusters };
  };
  const points = around(spec.points);
  const queries = around(spec.queries);
  return { points: points.rows, queries: queries.rows, pointClusters: points.clusters, queryClusters: queries.clusters };
}
