import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'recovery',
  description: 'the weighted mix through an overload and back; recall checked on 1 response in 20 to see answers recover as well as latency',
  recallEvery: 20,
  buildRequest: standardRequest,
};
