import { z } from 'zod';
import { nonNegativeDurationSeconds, percentFraction, positiveDurationSeconds, positiveInt, positiveNumber } from './fields.ts';

/**
 * StageRole says what a stage counts as for the analysis: steps feed the breaking-point search,
 * baseline/overload/recovery feed the recovery measurement, warmup and cooldown are excluded.
 */
export const STAGE_ROLES = ['warmup', 'load', 'step', 'baseline', 'overload', 'recovery', 'cooldown'] as const;
export type StageRole = (typeof STAGE_ROLES)[number];

const role = z.enum(STAGE_ROLES);

const holdStage = z.strictObject({
  name: z.string().min(1),
  duration: positiveDurationSeconds,
  /** Target at the end of the stage, in connections (closed model) or connection-equivalents (open model). */
  connections: positiveInt,
  /** true: move linearly from the previous target to this one over the stage; false: jump at its start. */
  ramp: z.boolean().default(false),
  role: role.default('load'),
});

const stepSeries = z.strictObject({
  name: z.string().min(1).default('step'),
  steps: z
    .strictObject({
      from: positiveInt,
      to: positiveInt,
      by: positiveInt,
      duration: positiveDurationSeconds,
    })
    .refine((s) => s.to >= s.from, { message: '"to" must not be below "from"', path: ['to'] }),
  role: role.default('step'),
});

export const stageSchema = z.union([holdStage, stepSeries]);

export const querySchema = z.strictObject({
  limit: positiveInt.optional(),
  hnswEf: positiveInt.optional(),
  exact: z.boolean().optional(),
  withPayload: z.boolean().optional(),
  /** Queries per request: more than 1 sends /points/query/batch. */
  batch: positiveInt.optional(),
});

export const profileSchema = z.strictObject({
  description: z.string().min(1, 'must describe the profile in one line'),
  /** closed: N connections send back to back; open: requests arrive at a rate, whatever the latency. */
  model: z.enum(['open', 'closed']),
  /** Open model: requests per second that one connection of the definition stands for. */
  ratePerConnection: positiveNumber,
  /** Closed model: pause of each virtual user between two queries (the concurrency profile's users). */
  thinkTime: nonNegativeDurationSeconds.default(0),
  query: querySchema.default({}),
  stages: z.array(stageSchema).min(1, 'must list at least one stage'),
  lab: z.strictObject({
    loadScale: positiveNumber,
    timeScale: positiveNumber,
  }),
  abort: z
    .strictObject({
      errorRate: percentFraction.default(0.5),
      for: positiveDurationSeconds.default(10),
    })
    .default({ errorRate: 0.5, for: 10 }),
});

export type ProfileDefinition = z.output<typeof profileSchema>;
export type StageDefinition = z.output<typeof stageSchema>;
export type QueryOptions = z.output<typeof querySchema>;
