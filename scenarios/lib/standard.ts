import { buildGatewayRequest, buildQdrantRequest } from './requests.ts';
import type { Scenario } from './types.ts';

/**
 * standardRequest sends the collection's query pattern to the API the run drives: Qdrant's query
 * API (or batch, when the plan asks for batches), the legacy search API, or the gateway.
 */
export const standardRequest: Scenario['buildRequest'] = (entry, queries, input) =>
  input.api === 'gateway' ? buildGatewayRequest(entry, queries[0]!, input.plan.query) : buildQdrantRequest(input.api, entry, queries, input.plan.query);
