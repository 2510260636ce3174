import type { TargetApi } from '../../src/config/run-options.ts';
import type { Plan } from '../../src/plan/types.ts';
import type { CorpusRequest, ResponseCheck } from '../../src/engine/corpus-protocol.ts';

/** ScenarioQuery is one query of a collection's dataset: its vector, the filter it uses, and its exact top-k. */
export interface ScenarioQuery {
  vector: ArrayLike<number>;
  filter?: { key: string; value: string };
  truth?: ReadonlyArray<number | string>;
}

/** ScenarioInput is what a scenario builds its requests from: the plan, what to drive, and each collection's queries. */
export interface ScenarioInput {
  plan: Plan;
  api: TargetApi;
  queries: ReadonlyMap<string, readonly ScenarioQuery[]>;
  /** How many ready requests to build per collection; the engine cycles through them. */
  requestsPerCollection: number;
}

/** BuiltRequest is one ready request plus what its response must look like. */
export interface BuiltRequest {
  request: Omit<CorpusRequest, 'type' | 'collection'>;
  check: ResponseCheck;
}

/**
 * Scenario is one profile family's idea of what to send. The shape (stages, rates) always comes
 * from the plan; a scenario decides the requests: which API, what each query carries, and how
 * often the engine checks recall.
 */
export interface Scenario {
  family: string;
  description: string;
  /** One in how many ok responses with ground truth the engine checks for recall (0: never). */
  recallEvery: number;
  /** buildRequest builds one request of a collection from plan.query.batch queries (usually one). */
  buildRequest(entry: Plan['mix'][number], queries: readonly ScenarioQuery[], input: ScenarioInput): BuiltRequest;
}
