// The embedded lab: a balanced vector-search cluster on one machine (N Qdrant nodes behind
// HAProxy, Redis beside them, the product's gateway in front), started, reused, faulted and stopped
// through these functions. The state folder lets `lab down` find what `lab up` started, from any
// shell; every function here takes `stateDir` to address another lab (tests use their own).

import { createClient } from 'redis';
import { defaultLabStateDir } from '../config/paths.ts';
import type { FaultSpec, FaultState } from './faults.ts';
import { coreRunning, LabStartError, startLab, stopLab } from './lifecycle.ts';
import { resolveLabOptions, type LabKind, type LabOptions } from './options.ts';
import { isRunning, startProcess, stopProcess } from './processes.ts';
import { endpointsOf, readState, removeState, withLock, writeState, type ComponentState, type LabEndpoints, type LabState } from './state.ts';
import { httpReady, waitUntil } from './wait.ts';

export type { FaultSpec, FaultState } from './faults.ts';
export { ensureCapacity, savedCapacity } from './capacity-record.ts';
export { BALANCE_ALGORITHMS, type BalanceAlgorithm } from './haproxy-config.ts';
export { LabStartError } from './lifecycle.ts';
export { LAB_DEFAULTS, type LabKind, type LabOptions } from './options.ts';
export type { LabEndpoints, LabState } from './state.ts';

export interface LabHandle {
  endpoints: LabEndpoints;
  /** True when this call started the lab; stop() then stops it. */
  startedHere: boolean;
  kind: LabKind;
  /** The dataset folder the lab serves: read query sets from here (loadQuerySet(name, {dir})). */
  datasetDir: string;
  /** Stops the lab if this call started it; a no-op for a lab that was already running. */
  stop(): Promise<void>;
}

export interface LabAddress {
  stateDir?: string;
}

function stateDirOf(address: LabAddress = {}): string {
  return address.stateDir ?? defaultLabStateDir();
}

/**
 * ensureLab reuses the lab recorded in the state folder if it is still running, or starts one,
 * with its datasets generated if missing and every node verified to hold them.
 */
export async function ensureLab(options: LabOptions = {}): Promise<LabHandle> {
  const resolved = resolveLabOptions(options);
  const progress = options.onProgress ?? (() => undefined);
  return withLock(resolved.stateDir, async () => {
    const existing = readState(resolved.stateDir);
    if (existing && coreRunning(existing)) {
      if (existing.kind !== resolved.kind) progress(`reusing the running ${existing.kind} lab (a ${resolved.kind} lab was asked for; \`lab down\` first to change it)`);
      return handleFor(existing, false);
    }
    if (existing) {
      progress(
        existing.phase === 'starting'
          ? 'an earlier start of the lab was cut short: stopping the processes it had started'
          : 'a lab was recorded but is no longer running: cleaning up what is left of it',
      );
      await stopLab(existing);
      removeState(resolved.stateDir);
    }
    // startLab records each process in the state folder as it starts it.
    return handleFor(await startLab(resolved, progress), true);
  });
}

function handleFor(state: LabState, startedHere: boolean): LabHandle {
  const stateDir = state.options.stateDir;
  return {
    endpoints: endpointsOf(state),
    startedHere,
    kind: state.kind,
    datasetDir: state.datasetDir,
    stop: startedHere ? () => stopRunningLab({ stateDir }).then(() => undefined) : async () => undefined,
  };
}

/** runningLab returns the lab recorded in the state folder if it is running, without starting one. */
export function runningLab(address: LabAddress = {}): { state: LabState; endpoints: LabEndpoints } | undefined {
  const state = readState(stateDirOf(address));
  return state && coreRunning(state) ? { state, endpoints: endpointsOf(state) } : undefined;
}

/**
 * stopRunningLab stops whatever lab the state folder records (running, half-dead, or cut short
 * while starting); false if there was none.
 */
export async function stopRunningLab(address: LabAddress & { keepStorage?: boolean } = {}): Promise<boolean> {
  const stateDir = stateDirOf(address);
  return withLock(stateDir, async () => {
    const state = readState(stateDir);
    if (!state) return false;
    await stopLab(state, address.keepStorage);
    removeState(stateDir);
    return true;
  });
}

/** nodeComponent finds node `index` (its position in endpoints.nodes) of the recorded lab. */
function nodeComponent(state: LabState, index: number): ComponentState {
  const nodes = state.components.filter((c) => c.role === 'node');
  const node = nodes[index];
  if (!Number.isInteger(index) || !node) throw new Error(`no node ${index}: the lab has nodes 0..${nodes.length - 1}`);
  return node;
}

async function withRunningLab<T>(address: LabAddress, action: (state: LabState, stateDir: string) => Promise<T>): Promise<T> {
  const stateDir = stateDirOf(address);
  return withLock(stateDir, async () => {
    const state = readState(stateDir);
    if (!state || !coreRunning(state)) throw new Error(`no lab is running (state folder ${stateDir}); start one with \`npm run lab -- up\``);
    return action(state, stateDir);
  });
}

/** killNode kills node `index` with SIGKILL, as a crash would; HAProxy's health checks then take it out. */
export async function killNode(index: number, address: LabAddress = {}): Promise<void> {
  await withRunningLab(address, async (state, stateDir) => {
    const node = nodeComponent(state, index);
    if (node.process) await stopProcess(node.process, 0);
    node.process = null;
    writeState(stateDir, state);
  });
}

/** restartNode starts node `index` again (killing it first if it runs) and waits until it is ready. */
export async function restartNode(index: number, address: LabAddress = {}): Promise<void> {
  await withRunningLab(address, async (state, stateDir) => {
    const node = nodeComponent(state, index);
    if (node.process) await stopProcess(node.process, 0);
    node.process = startProcess(node.spec);
    writeState(stateDir, state);
    const process = node.process;
    try {
      await waitUntil(node.name, httpReady(`${node.url}/readyz`), { timeoutMs: state.options.startTimeoutMs, alive: () => isRunning(process) });
    } catch (error) {
      throw new LabStartError(`${node.name} did not come back: ${(error as Error).message} (see ${node.spec.logFile})`);
    }
  });
}

/** FaultTarget is a node index or the gateway. */
export type FaultTarget = number | 'gateway';

function faultUrl(state: LabState, target: FaultTarget): string {
  if (target === 'gateway') return `${state.endpoints.gateway}/_lab/faults`;
  if (state.kind === 'qdrant') throw new Error('faults are injected by the stand-in nodes; on real Qdrant nodes use `lab kill` and `lab restart`, or fault the gateway');
  return `${nodeComponent(state, target).url!}/_lab/faults`;
}

async function faultRequest(target: FaultTarget, method: 'GET' | 'PUT' | 'DELETE', body: FaultSpec | undefined, address: LabAddress): Promise<FaultState> {
  const state = readState(stateDirOf(address));
  if (!state || !coreRunning(state)) throw new Error('no lab is running; start one with `npm run lab -- up`');
  const url = faultUrl(state, target);
  const response = await fetch(url, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}), signal: AbortSignal.timeout(5000) });
  const answer = (await response.json()) as { result?: FaultState; status?: { error?: string } };
  if (!response.ok || !answer.result) throw new Error(`${url}: ${answer.status?.error ?? `status ${response.status}`}`);
  return answer.result;
}

/** setFault adds faults to a node or the gateway (see FaultSpec); they stay until cleared or `forSeconds` pass. */
export function setFault(target: FaultTarget, spec: FaultSpec, address: LabAddress = {}): Promise<FaultState> {
  return faultRequest(target, 'PUT', spec, address);
}

export function clearFaults(target: FaultTarget, address: LabAddress = {}): Promise<FaultState> {
  return faultRequest(target, 'DELETE', undefined, address);
}

export function faultsOf(target: FaultTarget, address: LabAddress = {}): Promise<FaultState> {
  return faultRequest(target, 'GET', undefined, address);
}

/** sleepRedis blocks the lab's Redis for `seconds` with its own DEBUG SLEEP: a Redis latency fault. */
export async function sleepRedis(seconds: number, address: LabAddress = {}): Promise<void> {
  const lab = runningLab(address);
  if (!lab) throw new Error('no lab is running; start one with `npm run lab -- up`');
  const client = createClient({ url: lab.endpoints.redis });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.sendCommand(['DEBUG', 'SLEEP', String(seconds)]);
  } finally {
    client.destroy();
  }
}
