import type { MixDefinition } from './mix-schema.ts';
import type { ProfileDefinition } from './profile-schema.ts';
import type { Form, LoadModel } from './run-options.ts';

/**
 * PlanInput is what the config stage hands the planner (src/plan/build.ts): a loaded profile and
 * mix, the form, and the flags that scale or bound the load. The plan is built from it and
 * nothing else.
 */
export interface PlanInput {
  profileName: string;
  /** The profile's file as messages show it, for problems of the plan it gives. */
  profileFile?: string;
  profile: ProfileDefinition;
  mix: MixDefinition;
  form: Form;
  /** Extra factors on top of the form's own (--scale, --time-scale). */
  scale?: number;
  timeScale?: number;
  /** Restrict the run to these collections; weights are renormalised over them. */
  collections?: readonly string[];
  /** Override the profile's model (--model). */
  model?: LoadModel;
  seed?: number;
  timeoutMs?: number;
  maxConnections?: number;
  maxInFlight?: number;
  /** The lab's measured capacity: the lab form of a profile with lab.capacity is sized to it. */
  labCapacity?: LabCapacity;
}

/** LabCapacity is what the lab's closed-loop probe measured (src/lab/capacity.ts), and where. */
export interface LabCapacity {
  /** Requests per second answered ok with the weighted mix, through HAProxy. */
  rps: number;
  measuredAt: string;
  /** The machine it ran on, in words ("host, 2 × CPU model, 8 GiB"): a capacity holds only there. */
  machine: string;
}
