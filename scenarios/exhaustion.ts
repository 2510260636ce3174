import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'exhaustion',
  description: 'heavy queries: batches of queries with many results, a wide HNSW beam and payloads (sizes from the plan)',
  // Batches carry no single ground truth: recall is measured by the lighter profiles.
  recallEvery: 0,
  buildRequest: standardRequest,
};
