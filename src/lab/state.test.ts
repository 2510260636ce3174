import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopRunningLab } from './index.ts';
import { isRunning, startProcess, stopProcess, type RunningProcess } from './processes.ts';
import { machineDescription } from './capacity.ts';
import { savedCapacity } from './capacity-record.ts';
import { LAB_STATE_VERSION, readState, STATE_FILE, writeState } from './state.ts';

const dirs: string[] = [];
const started: RunningProcess[] = [];
afterEach(async () => {
  for (const process of started.splice(0)) if (isRunning(process)) await stopProcess(process);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** stateV1 is a state.json as vecstress wrote it before the endpoints took TargetEndpoints' names. */
function stateV1(dir: string, components: unknown[]) {
  return {
    version: 1,
    phase: 'running',
    kind: 'standin',
    startedAt: '2026-11-24T09:00:00.000Z',
    datasetDir: join(dir, 'datasets'),
    collections: ['mixtral'],
    options: { stateDir: dir },
    endpoints: { qdrant: 'http://127.0.0.1:6333', gateway: 'http://127.0.0.1:8080', nodes: ['http://127.0.0.1:6401'], redis: 'redis://127.0.0.1:6379', haproxyStats: 'http://127.0.0.1:8404/stats;csv' },
    components,
  };
}

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-state-'));
  dirs.push(dir);
  return dir;
}

describe('readState', () => {
  it('reads a version 1 record as the current version, its qdrant URL as the balancer', () => {
    const dir = stateDir();
    writeFileSync(join(dir, STATE_FILE), JSON.stringify(stateV1(dir, [])));
    const state = readState(dir);
    expect(state?.version).toBe(LAB_STATE_VERSION);
    expect(state?.endpoints).toEqual({ balancer: 'http://127.0.0.1:6333', gateway: 'http://127.0.0.1:8080', nodes: ['http://127.0.0.1:6401'], redis: 'redis://127.0.0.1:6379', haproxyStats: 'http://127.0.0.1:8404/stats;csv' });
    expect(state?.endpoints).not.toHaveProperty('qdrant');
  });

  it('reads a version 2 record as one whose capacity was never measured, and keeps a measured one', () => {
    const dir = stateDir();
    const { qdrant, ...endpoints } = stateV1(dir, []).endpoints;
    writeFileSync(join(dir, STATE_FILE), JSON.stringify({ ...stateV1(dir, []), version: 2, endpoints: { ...endpoints, balancer: qdrant } }));
    expect(readState(dir)).toMatchObject({ version: LAB_STATE_VERSION, capacity: null, endpoints: { balancer: 'http://127.0.0.1:6333' } });
    expect(savedCapacity(dir)).toBeUndefined();

    const here = { rps: 321, measuredAt: '2026-12-04T00:00:00.000Z', machine: machineDescription() };
    writeState(dir, { ...readState(dir)!, capacity: here });
    expect(savedCapacity(dir)).toEqual(here);
    // A capacity measured on another machine (a copied state folder) sizes nothing here.
    writeState(dir, { ...readState(dir)!, capacity: { ...here, machine: 'elsewhere, 64 × EPYC, 512 GiB' } });
    expect(savedCapacity(dir)).toBeUndefined();
  });

  it('reads a record of an unknown version as no lab at all', () => {
    const dir = stateDir();
    writeFileSync(join(dir, STATE_FILE), JSON.stringify({ ...stateV1(dir, []), version: 99 }));
    expect(readState(dir)).toBeUndefined();
  });
});

describe('a lab started by an older vecstress', () => {
  it('is still stopped by `lab down`: its processes end and its record goes', async () => {
    const dir = stateDir();
    const spec = { name: 'redis', command: 'sleep', args: ['60'], cwd: dir, logFile: join(dir, 'redis.log') };
    const process = startProcess(spec);
    started.push(process);
    writeFileSync(join(dir, STATE_FILE), JSON.stringify(stateV1(dir, [{ name: 'redis', role: 'redis', spec, process }])));

    expect(await stopRunningLab({ stateDir: dir })).toBe(true);
    expect(isRunning(process)).toBe(false);
    expect(existsSync(join(dir, STATE_FILE))).toBe(false);
  });
});
