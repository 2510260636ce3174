import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'spike',
  description: 'the weighted mix through a sudden surge; recall checked on 1 response in 20, since a spike is where answers go wrong',
  recallEvery: 20,
  buildRequest: standardRequest,
};
