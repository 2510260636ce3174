import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'progressive',
  description: 'the weighted mix, step after step; recall checked on 1 response in 20 so a cluster that answers fast but wrong near its limit is caught',
  recallEvery: 20,
  buildRequest: standardRequest,
};
