// The plan is plain data: what load to send, when, and in which mix. It is the one thing the
// TypeScript scenarios, the engine adapters and the Go engine (as JSON) all read, so nothing about
// stages or rates is ever re-typed by hand. This file and its siblings use no Node built-ins.

import type { StageRole } from '../config/profile-schema.ts';
import type { Distance, QueryPattern } from '../config/mix-schema.ts';
import type { LabCapacity } from '../config/plan-input.ts';
import type { Form, LoadModel } from '../config/run-options.ts';

export type { Form, LoadModel };

export const PLAN_SCHEMA_VERSION = 1;

/** k6's executor names: arrival-rate executors are the open model, VU executors the closed one. */
export type Executor = 'constant-arrival-rate' | 'ramping-arrival-rate' | 'constant-vus' | 'ramping-vus';

export interface PlanStage {
  index: number;
  name: string;
  role: StageRole;
  startSecond: number;
  durationSeconds: number;
  executor: Executor;
  /** Target at the stage's start and end, in the plan's unit; linear in between. */
  startTarget: number;
  endTarget: number;
  /** The definition's connections at the stage's start and end (after scaling). */
  startConnections: number;
  endConnections: number;
}

export interface PlanMixEntry {
  collection: string;
  /** Weight as given in the mix file; the engine's weighted round-robin uses it as is. */
  weight: number;
  /** Share of requests after renormalisation to the selected collections, 0..1. */
  share: number;
  pattern: QueryPattern;
  vectorSize: number;
  distance: Distance;
}

export interface PlanQuery {
  limit: number;
  hnswEf?: number;
  exact: boolean;
  withPayload: boolean;
  batch: number;
}

export interface PlanLimits {
  /** Sockets the engine may open (vegeta's MaxConnections). */
  maxConnections: number;
  /** Requests in flight past which an open-model arrival is dropped and counted (k6's maxVUs). */
  maxInFlight: number;
  timeoutMs: number;
}

export interface Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  profile: string;
  description: string;
  form: Form;
  model: LoadModel;
  /** Unit of every stage target: "req/s" for the open model, "vus" for the closed one. */
  unit: 'req/s' | 'vus';
  scale: { load: number; time: number };
  seed: number;
  durationSeconds: number;
  ratePerConnection: number;
  thinkTimeMs: number;
  query: PlanQuery;
  stages: PlanStage[];
  mix: PlanMixEntry[];
  limits: PlanLimits;
  abort: PlanAbort;
  /** The lab form's load sizing; absent in the full form and in run folders written before it. */
  labSizing?: LabSizing;
}

/**
 * LabSizing: the lab form's load is the full form's times loadScale, or mapped onto the lab's
 * measured capacity (lowest load → low × capacity, highest → peak × capacity). capacityUnknown:
 * the profile asks for capacity sizing but the lab's capacity was never measured, so the fixed
 * scale stands in (a run measures it first; --dry-run says so).
 */
export type LabSizing =
  | { kind: 'fixed'; loadScale: number; capacityUnknown: boolean }
  | { kind: 'capacity'; capacity: LabCapacity; low: number | null; peak: number };

/** The error-rate rule as it applies in one role's stages. */
export interface PlanAbortRule {
  errorRate: number;
  forSeconds: number;
  /** Seconds from each stage's start before the rule watches (plan time). */
  afterSeconds: number;
}

/**
 * PlanAbort: when the run stops itself. The error-rate rule applies per stage role (null: a
 * planned overload, where only the safety rule watches); the safety rule stops a target that is
 * gone, no request answered ok for safetyForSeconds, in every stage. errorRate and forSeconds are
 * the profile's default rule; run folders written before roles existed hold only those two, and
 * the reader fills in the rest (src/runfolder/read.ts).
 */
export interface PlanAbort {
  errorRate: number;
  forSeconds: number;
  safetyForSeconds: number | null;
  roles: Record<StageRole, PlanAbortRule | null>;
}
