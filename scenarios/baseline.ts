import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'baseline',
  description: 'the weighted mix of single queries, each collection with its own pattern; recall checked on 1 response in 50',
  recallEvery: 50,
  buildRequest: standardRequest,
};
