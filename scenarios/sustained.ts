import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'sustained',
  description: 'the weighted mix held for a long time; recall checked on 1 response in 100, enough to see drift without adding work',
  recallEvery: 100,
  buildRequest: standardRequest,
};
