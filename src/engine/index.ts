import type { EngineName } from '../config/run-options.ts';
import { autocannonEngine } from './autocannon/engine.ts';
import type { Engine } from './types.ts';
import { vegetaEngine } from './vegeta.ts';

const ENGINES: Record<EngineName, Engine> = { vecstress: vegetaEngine, autocannon: autocannonEngine };

export function engineFor(name: EngineName): Engine {
  return ENGINES[name];
}
