import { buildQdrantRequest } from './lib/requests.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'exhaustion',
  description: 'heavy queries: batches of queries with many results, a wide HNSW beam and payloads (sizes from the plan), against Qdrant directly',
  // Batches carry no single ground truth: recall is measured by the lighter profiles.
  recallEvery: 0,
  buildRequest: (entry, queries, input) => buildQdrantRequest(input.api === 'search' ? 'search' : 'query', entry, queries, input.plan.query),
};
