import { z } from 'zod';
import { bitRate, byteRate, bytes, latencyMs, percentFraction, positiveDurationSeconds, positiveInt, requestRate } from './fields.ts';

const latencyLimits = z.strictObject({
  p50: latencyMs.optional(),
  p90: latencyMs.optional(),
  p95: latencyMs.optional(),
  p99: latencyMs.optional(),
  max: latencyMs.optional(),
});

/** Limits a run must hold; every key optional so profiles and collections override only what they change. */
const limits = z.strictObject({
  latency: latencyLimits.optional(),
  errorRate: percentFraction.optional(),
  /** Most (errors + dropped arrivals) / scheduled arrivals: what got no ok answer, refused or never sent. */
  unserved: percentFraction.optional(),
  /** Minimum throughput of the full form; the lab form scales it by the profile's load scale. */
  throughput: requestRate.optional(),
  cpu: percentFraction.optional(),
  memory: percentFraction.optional(),
  recovery: positiveDurationSeconds.optional(),
  connections: positiveInt.optional(),
});

const collectionLimits = z.strictObject({
  latency: latencyLimits.optional(),
  errorRate: percentFraction.optional(),
  unserved: percentFraction.optional(),
});

/** Ceilings past which the breaking-point analysis calls a resource exhausted. */
const ceilings = z.strictObject({
  connections: positiveInt.optional(),
  memory: bytes.optional(),
  cpu: percentFraction.optional(),
  disk: byteRate.optional(),
  network: bitRate.optional(),
});

export const thresholdsSchema = z.strictObject({
  global: limits,
  ceilings: ceilings.default({}),
  profiles: z.record(z.string(), limits).default({}),
  collections: z.record(z.string(), collectionLimits).default({}),
});

export type ThresholdsDefinition = z.output<typeof thresholdsSchema>;
export type Limits = z.output<typeof limits>;
export type CollectionLimits = z.output<typeof collectionLimits>;
export type Ceilings = z.output<typeof ceilings>;
