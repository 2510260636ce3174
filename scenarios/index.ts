import type { Scenario } from './lib/types.ts';
import { scenario as baseline } from './baseline.ts';
import { scenario as concurrency } from './concurrency.ts';
import { scenario as exhaustion } from './exhaustion.ts';
import { scenario as progressive } from './progressive.ts';
import { scenario as recovery } from './recovery.ts';
import { scenario as spike } from './spike.ts';
import { scenario as stress } from './stress.ts';
import { scenario as sustained } from './sustained.ts';

export const SCENARIOS: Record<string, Scenario> = { baseline, progressive, stress, sustained, spike, recovery, concurrency, exhaustion };

/** scenarioFor picks the scenario of a profile family, or baseline's for a name that is none. */
export function scenarioFor(family: string | undefined): Scenario {
  return (family && SCENARIOS[family]) || baseline;
}

/** scenarioOfProfile is a profile's scenario: the one its `scenario:` names, else its own name's. */
export function scenarioOfProfile(name: string, definition: { scenario?: string | undefined }): Scenario {
  return scenarioFor(definition.scenario ?? name);
}
