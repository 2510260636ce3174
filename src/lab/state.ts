// The lab's state folder: state.json says what `up` started (every process with its command, so
// `restart` can start it again), and a lock file keeps two starts, or a start and a stop, from
// running at once, even from different shells.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabKind, ResolvedLabOptions } from './options.ts';
import type { LabCapacity } from '../config/plan-input.ts';
import type { TargetEndpoints } from '../targets/endpoints.ts';
import { isRunning, pause, type ProcessSpec, type RunningProcess } from './processes.ts';

/**
 * 3: the lab's measured capacity (null until measured). 2: the endpoints are named as
 * TargetEndpoints (the balanced URL is `balancer`, formerly `qdrant`).
 */
export const LAB_STATE_VERSION = 3;

export type ComponentRole = 'node' | 'haproxy' | 'redis' | 'gateway';

export interface ComponentState {
  name: string;
  role: ComponentRole;
  spec: ProcessSpec;
  /** Null while stopped (a killed node). */
  process: RunningProcess | null;
  /** The component's own URL (nodes, gateway), probed for readiness. */
  url?: string;
  /** Where its config file is, if it has one. */
  configFile?: string;
}

/** LabEndpoints are the URLs others drive and sample: a target's endpoints, all of which the lab has, and its processes. */
export interface LabEndpoints extends TargetEndpoints {
  /** HAProxy's frontend. */
  balancer: string;
  gateway: string;
  /** redis://127.0.0.1:PORT */
  redis: string;
  /** The exact URL that answers HAProxy's stats as CSV. */
  haproxyStats: string;
  /** Every running lab process, for /proc sampling. */
  processes: Array<{ name: string; pid: number }>;
}

/**
 * LabPhase says whether `up` finished. A 'starting' record is written as each process is spawned,
 * so a start that is cut short (a second Ctrl-C exits at once, and the detached processes live on)
 * still tells `down` and the next `up` what to stop.
 */
export type LabPhase = 'starting' | 'running';

export interface LabState {
  version: typeof LAB_STATE_VERSION;
  phase: LabPhase;
  kind: LabKind;
  startedAt: string;
  datasetDir: string;
  collections: string[];
  options: ResolvedLabOptions;
  endpoints: Omit<LabEndpoints, 'processes'>;
  components: ComponentState[];
  /** What the closed-loop probe measured through HAProxy, and on which machine; null until then. */
  capacity: LabCapacity | null;
}

export const STATE_FILE = 'state.json';
const LOCK_FILE = 'lock';

/**
 * readState reads the lab's record, bringing one written by an older vecstress up to date, so
 * that a lab it started can still be reused and stopped; a record of unknown version reads as none.
 */
export function readState(stateDir: string): LabState | undefined {
  const file = join(stateDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  let state: LabState | StateV2 | StateV1;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as LabState | StateV2 | StateV1;
  } catch {
    return undefined;
  }
  const current = state.version === 1 ? upgradeV2(upgradeV1(state)) : state.version === 2 ? upgradeV2(state) : state;
  if (current.version !== LAB_STATE_VERSION) return undefined;
  // Records written before phases existed were written only once the lab was up.
  return { ...current, phase: current.phase ?? 'running' };
}

/** StateV2 is state.json as version 2 wrote it: no capacity had been measured. */
type StateV2 = Omit<LabState, 'version' | 'capacity'> & { version: 2 };

/** StateV1 is state.json as version 1 wrote it: the balanced URL was `qdrant`. */
type StateV1 = Omit<StateV2, 'version' | 'endpoints'> & { version: 1; endpoints: Omit<LabState['endpoints'], 'balancer'> & { qdrant: string } };

function upgradeV1(state: StateV1): StateV2 {
  const { qdrant, ...endpoints } = state.endpoints;
  return { ...state, version: 2, endpoints: { ...endpoints, balancer: qdrant } };
}

function upgradeV2(state: StateV2): LabState {
  return { ...state, version: LAB_STATE_VERSION, capacity: null };
}

export function writeState(stateDir: string, state: LabState): void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, STATE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function removeState(stateDir: string): void {
  rmSync(join(stateDir, STATE_FILE), { force: true });
}

/** endpointsOf adds the running processes to a state's endpoints. */
export function endpointsOf(state: LabState): LabEndpoints {
  const processes = state.components.filter((c) => c.process && isRunning(c.process)).map((c) => ({ name: c.name, pid: c.process!.pid }));
  return { ...state.endpoints, processes };
}

/**
 * withLock runs `action` holding the state folder's lock. A lock left by a process that has died
 * is taken over; a live holder is waited for (a start takes seconds).
 */
export async function withLock<T>(stateDir: string, action: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, LOCK_FILE);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let text: string;
      try {
        text = readFileSync(file, 'utf8').trim();
      } catch {
        continue; // released between our attempt and this read
      }
      const holder = Number(text);
      if (text !== '' && (!Number.isInteger(holder) || !isRunning({ pid: holder, startTime: 0 }))) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the lab in ${stateDir} is locked by process ${holder} (starting or stopping); try again when it is done`);
      await pause(100);
    }
  }
  try {
    return await action();
  } finally {
    rmSync(file, { force: true });
  }
}
