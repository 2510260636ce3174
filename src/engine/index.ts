import type { EngineName } from '../config/run-options.ts';
import { autocannonEngine } from './autocannon/engine.ts';
import type { Engine } from './types.ts';
import { vecstressEngine } from './vecstress-engine.ts';

const ENGINES: Record<EngineName, Engine> = { vecstress: vecstressEngine, autocannon: autocannonEngine };

export function engineFor(name: EngineName): Engine {
  return ENGINES[name];
}
