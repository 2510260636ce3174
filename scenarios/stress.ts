import { standardRequest } from './lib/standard.ts';
import type { Scenario } from './lib/types.ts';

export const scenario: Scenario = {
  family: 'stress',
  description: 'the weighted mix far past capacity; recall checked on 1 response in 20 to catch degraded answers under overload',
  recallEvery: 20,
  buildRequest: standardRequest,
};
