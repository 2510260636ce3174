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

/**
 * labCapacitySchema sizes the lab form to the lab's measured capacity (req/s) instead of the fixed
 * loadScale: the profile's lowest load becomes `low` × capacity and its highest `peak` ×
 * capacity, linearly in between, so the steps keep their order and spacing. Without `low`, the
 * load is only scaled (`peak` × capacity at the highest).
 */
const labCapacitySchema = z
  .strictObject({ low: positiveNumber.optional(), peak: positiveNumber })
  .refine((c) => c.low === undefined || c.low <= c.peak, { message: '"low" must not be above "peak"', path: ['low'] });

/**
 * ROLE_ABORT_DEFAULTS: what the error-rate rule does in each role unless the profile says
 * otherwise. A planned overload fails requests on purpose, so there only the safety rule watches;
 * a recovery stage gets the normal rule once the target has had time to come back.
 */
export const ROLE_ABORT_DEFAULTS: Readonly<Partial<Record<StageRole, RoleAbortDefinition>>> = {
  overload: 'off',
  recovery: { after: 120 },
};

/** A role's abort rule: "off" (only the safety rule, planned overloads only) or the error-rate rule's own values. */
const roleAbortSchema = z.union([
  z.literal('off'),
  z.strictObject({
    errorRate: percentFraction.optional(),
    for: positiveDurationSeconds.optional(),
    /** Full-form seconds from the stage's start before the rule watches (scaled like durations). */
    after: nonNegativeDurationSeconds.optional(),
  }),
]);
export type RoleAbortDefinition = z.output<typeof roleAbortSchema>;

const roleAbortsSchema = z
  .strictObject(Object.fromEntries(STAGE_ROLES.map((r) => [r, roleAbortSchema.optional()])) as Record<StageRole, z.ZodOptional<typeof roleAbortSchema>>)
  .superRefine((roles, ctx) => {
    for (const [name, rule] of Object.entries(roles)) {
      if (rule === 'off' && name !== 'overload') {
        ctx.addIssue({ code: 'custom', path: [name], message: `only a planned overload may switch the error-rate rule off; a ${name} stage keeps it (set errorRate or for instead)` });
      }
    }
  });

/**
 * The abort rule: the error rate above errorRate for `for` seconds stops the run, per role as
 * `roles` says; the safety rule (no request answered ok for safety.for seconds) watches every
 * stage and cannot be switched off.
 */
const abortSchema = z
  .strictObject({
    errorRate: percentFraction.default(0.5),
    for: positiveDurationSeconds.default(10),
    safety: z.strictObject({ for: positiveDurationSeconds.default(15) }).default({ for: 15 }),
    roles: roleAbortsSchema.default({}),
  })
  .default({ errorRate: 0.5, for: 10, safety: { for: 15 }, roles: {} });

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
    /** The lab form's load: the full form's times this, unless `capacity` sizes it to a measured lab. */
    loadScale: positiveNumber,
    timeScale: positiveNumber,
    capacity: labCapacitySchema.optional(),
  }),
  abort: abortSchema,
}).superRefine(thinkTimeNeedsClosedModel).superRefine((profile, ctx) => {
  const used = new Set(profile.stages.map((stage) => stage.role));
  for (const name of Object.keys(profile.abort.roles)) {
    if (!used.has(name as StageRole)) {
      ctx.addIssue({ code: 'custom', path: ['abort', 'roles', name], message: `no stage has role "${name}"; this profile's roles: ${[...used].join(', ')}` });
    }
  }
});

/** An open model's arrivals never wait for answers, so a think time there would be dropped unseen. */
function thinkTimeNeedsClosedModel(profile: { model: string; thinkTime: number }, ctx: z.RefinementCtx): void {
  if (profile.model === 'open' && profile.thinkTime > 0) {
    ctx.addIssue({ code: 'custom', path: ['thinkTime'], message: 'goes with model: closed; an open model sends on schedule whatever the answers, so it has no think time' });
  }
}

export type ProfileDefinition = z.output<typeof profileSchema>;
export type QueryOptions = z.output<typeof querySchema>;
