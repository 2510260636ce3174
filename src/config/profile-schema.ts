import { z } from 'zod';
import { nonNegativeDurationSeconds, percentFraction, positiveDurationSeconds, positiveInt, positiveNumber } from './fields.ts';

/**
 * StageRole says what a stage counts as for the analysis: steps feed the breaking-point search,
 * baseline/overload/recovery feed the recovery measurement, warmup and cooldown are excluded.
 */
export const STAGE_ROLES = ['warmup', 'load', 'step', 'baseline', 'overload', 'recovery', 'cooldown'] as const;
export type StageRole = (typeof STAGE_ROLES)[number];

const role = z.enum(STAGE_ROLES);

const stepSeries = z
  .strictObject({
    from: positiveInt,
    to: positiveInt,
    by: positiveInt,
    duration: positiveDurationSeconds,
  })
  .refine((s) => s.to >= s.from, { message: '"to" must not be below "from"', path: ['to'] });

/**
 * stageSchema is one object with every key a stage may have, rather than a union of the two kinds:
 * a union would report "Invalid input" for a typo instead of naming the unknown key.
 * A stage is either a hold or ramp `{name, duration, connections, ramp?}` or a series of steps
 * `{name, steps: {from, to, by, duration}}`.
 */
export const stageSchema = z
  .strictObject({
    name: z.string().min(1),
    /** Hold/ramp: its length, and the target at its end, in connections. */
    duration: positiveDurationSeconds.optional(),
    connections: positiveInt.optional(),
    /** true: move linearly from the previous target to this one over the stage; false: jump at its start. */
    ramp: z.boolean().optional(),
    steps: stepSeries.optional(),
    role: role.optional(),
  })
  .superRefine((stage, ctx) => {
    if (stage.steps) {
      for (const key of ['duration', 'connections', 'ramp'] as const) {
        if (stage[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a stage with steps takes its ${key === 'ramp' ? 'shape' : key} from steps; remove "${key}"` });
      }
      return;
    }
    for (const key of ['duration', 'connections'] as const) {
      if (stage[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is required (or give the stage a "steps" series)` });
    }
  })
  .transform((stage): StageDefinition =>
    stage.steps
      ? { kind: 'steps', name: stage.name, steps: stage.steps, role: stage.role ?? 'step' }
      : { kind: 'hold', name: stage.name, duration: stage.duration!, connections: stage.connections!, ramp: stage.ramp ?? false, role: stage.role ?? 'load' },
  );

export type StageDefinition =
  | { kind: 'hold'; name: string; duration: number; connections: number; ramp: boolean; role: StageRole }
  | { kind: 'steps'; name: string; steps: { from: number; to: number; by: number; duration: number }; role: StageRole };

export const querySchema = z.strictObject({
  limit: positiveInt.optional(),
  hnswEf: positiveInt.optional(),
  exact: z.boolean().optional(),
  withPayload: z.boolean().optional(),
  /** Queries per request: more than 1 sends /points/query/batch. */
  batch: positiveInt.optional(),
});

/** The scenario families of scenarios/: what kind of requests a profile sends. */
export const SCENARIO_FAMILIES = ['baseline', 'progressive', 'stress', 'concurrency', 'sustained', 'spike', 'exhaustion', 'recovery'] as const;

export const profileSchema = z.strictObject({
  description: z.string().min(1, 'must describe the profile in one line'),
  /** Which scenario builds the requests; defaults to the profile's own name, else baseline. */
  scenario: z.enum(SCENARIO_FAMILIES).optional(),
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
}).superRefine(thinkTimeNeedsClosedModel);

/** An open model's arrivals never wait for answers, so a think time there would be dropped unseen. */
function thinkTimeNeedsClosedModel(profile: { model: string; thinkTime: number }, ctx: z.RefinementCtx): void {
  if (profile.model === 'open' && profile.thinkTime > 0) {
    ctx.addIssue({ code: 'custom', path: ['thinkTime'], message: 'goes with model: closed; an open model sends on schedule whatever the answers, so it has no think time' });
  }
}

export type ProfileDefinition = z.output<typeof profileSchema>;
export type QueryOptions = z.output<typeof querySchema>;
