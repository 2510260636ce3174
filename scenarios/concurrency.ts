import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'concurrency',
  description: 'many users each sending the weighted mix with think time (from the plan); recall checked on 1 response in 50',
  recallEvery: 50,
  buildRequest: standardRequest,
};
