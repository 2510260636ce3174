import type { LabCapacity } from '../config/plan-input.ts';
import { machineDescription, measureCapacity, PROBE } from './capacity.ts';
import { coreRunning } from './lifecycle.ts';
import { readState, withLock, writeState } from './state.ts';

/**
 * savedCapacity is the capacity recorded for the lab in stateDir, if it was measured on this
 * machine: a figure from another machine (a copied state folder) sizes nothing.
 */
export function savedCapacity(stateDir: string): LabCapacity | undefined {
  const capacity = readState(stateDir)?.capacity;
  return capacity && capacity.machine === machineDescription() ? capacity : undefined;
}

/**
 * ensureCapacity returns the running lab's capacity, measuring it first (and saving it in the
 * lab's state) when it was never measured on this machine. The probe runs outside the state
 * lock, which guards only the record's write, so `lab status` stays answerable meanwhile.
 */
export async function ensureCapacity(stateDir: string, progress: (line: string) => void): Promise<LabCapacity> {
  const known = savedCapacity(stateDir);
  if (known) return known;
  const state = readState(stateDir);
  if (!state || !coreRunning(state)) throw new Error(`no lab is running in ${stateDir}: start one with \`npm run lab -- up\``);
  progress(`measuring the lab's capacity: ${PROBE.seconds} s, ${PROBE.users} users back to back with the weighted mix through HAProxy`);
  const capacity = await measureCapacity({ balancer: state.endpoints.balancer, datasetDir: state.datasetDir, collections: state.collections });
  await withLock(stateDir, async () => {
    const current = readState(stateDir);
    // A lab restarted meanwhile is another lab: its capacity is not this one.
    if (current?.startedAt === state.startedAt) writeState(stateDir, { ...current, capacity });
  });
  progress(`lab capacity: ${Math.round(capacity.rps)} req/s on ${capacity.machine}`);
  return capacity;
}
