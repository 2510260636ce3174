import { COMMAND_LINE, ConfigError, type ConfigProblem } from '../config/errors.ts';
import type { MixDefinition } from '../config/mix-schema.ts';
import type { PlanInput } from '../config/plan-input.ts';
import type { ProfileDefinition, StageDefinition } from '../config/profile-schema.ts';
import type { StageRole } from '../config/profile-schema.ts';
import { planAbort } from './abort.ts';
import { MAX_LOAD_SCALE, MAX_TIME_SCALE, planLengthProblems, stageCountProblems } from './bounds.ts';
import { shares } from './mix.ts';
import { peakTarget } from './shape.ts';
import { PLAN_SCHEMA_VERSION, type Executor, type LabSizing, type LoadModel, type Plan, type PlanMixEntry, type PlanStage } from './types.ts';

/** The shortest stage a scaled-down form may have: one second cannot show a step's steady state. */
export const MIN_SCALED_STAGE_SECONDS = 2;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_QUERY_LIMIT = 10;
/** The largest seed: Mulberry32, the mix's generator in both languages, takes 32 bits. */
export const MAX_SEED = 2 ** 32 - 1;


/**
 * buildPlan turns profile + form + scale + mix into the plan. The lab form is the full form with
 * durations multiplied by the profile's lab.timeScale and loads either multiplied by lab.loadScale
 * or, for a profile with lab.capacity and a lab whose capacity was measured, mapped onto that
 * capacity: two scalings of one definition, so the forms cannot drift apart.
 */
export function buildPlan(input: PlanInput): Plan {
  const problems = validateFactors(input);
  const mix = selectMix(input.mix, input.collections, problems);
  const profileFile = input.profileFile ?? input.profileName;
  problems.push(...stageCountProblems(input.profile.stages, profileFile));
  if (problems.length > 0) throw new ConfigError(problems);

  const { profile, form } = input;
  const time = (form === 'lab' ? profile.lab.timeScale : 1) * (input.timeScale ?? 1);
  const model = input.model ?? profile.model;
  const sizing = labSizing(input);
  const scaleConnections = connectionScaler(profile, sizing, input.scale ?? 1);
  const stages = buildStages(profile, model, scaleConnections, time);
  const fullPeak = Math.max(...expandStages(profile.stages).map((s) => s.connections));
  // Sized to capacity the lab form is affine, not one factor: the peak's factor stands for it.
  const load = sizing?.kind === 'capacity' ? scaleConnections(fullPeak) / fullPeak : fixedFactor(sizing, input.scale ?? 1);
  const durationSeconds = stages.reduce((sum, s) => sum + s.durationSeconds, 0);
  const tooLong = planLengthProblems(durationSeconds, form, profileFile);
  if (tooLong.length > 0) throw new ConfigError(tooLong);
  const peakConnections = stages.reduce((most, s) => Math.max(most, s.startConnections, s.endConnections), 0);
  const maxConnections = input.maxConnections ?? peakConnections;
  // An open model queues at most about one second of peak arrivals before it drops and counts
  // (k6's maxVUs): past that the target is plainly saturated, and unbounded queues would measure
  // the generator's memory instead of the target.
  const maxInFlight = input.maxInFlight ?? (model === 'open' ? Math.max(maxConnections, Math.ceil(peakTarget(stages))) : peakConnections);

  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    profile: input.profileName,
    description: profile.description,
    form,
    model,
    unit: model === 'open' ? 'req/s' : 'vus',
    scale: { load, time },
    seed: input.seed ?? 1,
    durationSeconds,
    ratePerConnection: profile.ratePerConnection,
    thinkTimeMs: Math.round(profile.thinkTime * 1000),
    query: {
      limit: profile.query.limit ?? DEFAULT_QUERY_LIMIT,
      ...(profile.query.hnswEf === undefined ? {} : { hnswEf: profile.query.hnswEf }),
      exact: profile.query.exact ?? false,
      withPayload: profile.query.withPayload ?? false,
      batch: profile.query.batch ?? 1,
    },
    stages,
    mix,
    limits: { maxConnections, maxInFlight, timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS },
    abort: planAbort(profile.abort, time),
    ...(sizing ? { labSizing: sizing } : {}),
  };
}

function validateFactors(input: PlanInput): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [flag, value, max] of [['--scale', input.scale, MAX_LOAD_SCALE], ['--time-scale', input.timeScale, MAX_TIME_SCALE]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0 && value <= max)) {
      problems.push({ file: COMMAND_LINE, path: flag, message: `must be a number greater than 0 and at most ${max}, got ${value}` });
    }
  }
  if (input.seed !== undefined && !(Number.isInteger(input.seed) && input.seed >= 0 && input.seed <= MAX_SEED)) {
    problems.push({ file: COMMAND_LINE, path: '--seed', message: `must be a whole number from 0 to ${MAX_SEED} (the request mix's generator takes 32 bits), got ${input.seed}` });
  }
  return problems;
}

function selectMix(mix: MixDefinition, wanted: readonly string[] | undefined, problems: ConfigProblem[]): PlanMixEntry[] {
  const known = Object.keys(mix.collections);
  const names = wanted && wanted.length > 0 ? wanted : known;
  const unknown = names.filter((name) => !known.includes(name));
  for (const name of unknown) {
    problems.push({ file: COMMAND_LINE, path: '--collections', message: `unknown collection "${name}"; known collections: ${known.join(', ')}` });
  }
  const selected = names.filter((name) => known.includes(name));
  const fractions = shares(selected.map((name) => mix.collections[name]!.weight));
  return selected.map((name, i) => {
    const definition = mix.collections[name]!;
    return {
      collection: name,
      weight: definition.weight,
      share: fractions[i]!,
      pattern: definition.pattern,
      vectorSize: definition.vectorSize,
      distance: definition.distance,
    };
  });
}

interface Segment {
  name: string;
  role: StageRole;
  seconds: number;
  connections: number;
  ramp: boolean;
}

/** expandStages flattens step series into one segment per step, in full-form units. */
export function expandStages(stages: readonly StageDefinition[]): Segment[] {
  return stages.flatMap((stage): Segment[] => {
    if (stage.kind === 'hold') {
      return [{ name: stage.name, role: stage.role, seconds: stage.duration, connections: stage.connections, ramp: stage.ramp }];
    }
    const { from, to, by, duration } = stage.steps;
    const count = Math.floor((to - from) / by) + 1;
    return Array.from({ length: count }, (_, i) => ({
      name: `${stage.name} ${i + 1}`,
      role: stage.role,
      seconds: duration,
      connections: from + i * by,
      ramp: false,
    }));
  });
}

/** labSizing says how the lab form's load is set; undefined for the full form. */
function labSizing(input: PlanInput): LabSizing | undefined {
  if (input.form !== 'lab') return undefined;
  const { capacity } = input.profile.lab;
  if (capacity === undefined) return { kind: 'fixed', loadScale: input.profile.lab.loadScale, capacityUnknown: false };
  if (input.labCapacity === undefined) return { kind: 'fixed', loadScale: input.profile.lab.loadScale, capacityUnknown: true };
  return { kind: 'capacity', capacity: input.labCapacity, low: capacity.low ?? null, peak: capacity.peak };
}

/**
 * connectionScaler maps a full-form connection count to the plan's. Sized to capacity, the
 * profile's lowest load lands on low × capacity and its highest on peak × capacity (each
 * connection standing for ratePerConnection req/s), linearly between; otherwise every load is
 * multiplied by the fixed factor. --scale multiplies either.
 */
function connectionScaler(profile: ProfileDefinition, sizing: LabSizing | undefined, extra: number): (connections: number) => number {
  if (sizing?.kind !== 'capacity') {
    const factor = fixedFactor(sizing, extra);
    return (connections) => Math.max(1, Math.round(connections * factor));
  }
  const loads = expandStages(profile.stages).map((s) => s.connections);
  const lowest = Math.min(...loads);
  const highest = Math.max(...loads);
  const rpsPerConnection = profile.ratePerConnection;
  return (connections) => {
    const share = sizing.low === null || highest === lowest
      ? sizing.peak * (connections / highest)
      : sizing.low + ((sizing.peak - sizing.low) * (connections - lowest)) / (highest - lowest);
    return Math.max(1, Math.round((share * sizing.capacity.rps * extra) / rpsPerConnection));
  };
}

function fixedFactor(sizing: Extract<LabSizing, { kind: 'fixed' }> | undefined, extra: number): number {
  return (sizing?.loadScale ?? 1) * extra;
}

function buildStages(profile: ProfileDefinition, model: LoadModel, scaleConnections: (connections: number) => number, time: number): PlanStage[] {
  const minSeconds = time < 1 ? MIN_SCALED_STAGE_SECONDS : 1;
  const stages: PlanStage[] = [];
  let previousConnections = 0;
  let startSecond = 0;
  for (const [index, segment] of expandStages(profile.stages).entries()) {
    const connections = scaleConnections(segment.connections);
    const startConnections = segment.ramp ? previousConnections : connections;
    const durationSeconds = Math.max(minSeconds, Math.round(segment.seconds * time));
    const toTarget = (c: number): number => (model === 'open' ? round2(c * profile.ratePerConnection) : c);
    stages.push({
      index,
      name: segment.name,
      role: segment.role,
      startSecond,
      durationSeconds,
      executor: executorFor(model, startConnections !== connections),
      startTarget: toTarget(startConnections),
      endTarget: toTarget(connections),
      startConnections,
      endConnections: connections,
    });
    previousConnections = connections;
    startSecond += durationSeconds;
  }
  return stages;
}

function executorFor(model: LoadModel, ramping: boolean): Executor {
  if (model === 'open') return ramping ? 'ramping-arrival-rate' : 'constant-arrival-rate';
  return ramping ? 'ramping-vus' : 'constant-vus';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
