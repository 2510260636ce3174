// A `lab up` cut short: the second Ctrl-C exits the CLI at once (process.exit), while the processes
// it had started, detached, live on. The state folder must still say what they are, so that
// `lab down` and the next ensureLab stop them.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import { loadMix } from '../config/load.ts';
import { DEFAULT_MIX_FILE, PROJECT_ROOT } from '../config/paths.ts';
import { generateDatasets } from '../datasets/generate.ts';
import { ExitCode } from '../exit-codes.ts';
import { ensureLab, stopRunningLab } from './index.ts';
import { isRunning, pause, type RunningProcess } from './processes.ts';
import { readState, type LabState } from './state.ts';

const root = mkdtempSync(join(tmpdir(), 'vecstress-lab-cut-'));
const datasetDir = join(root, 'datasets');
const stateDirs = [join(root, 'down'), join(root, 'again')] as const;
/** START_TIMEOUT_MS bounds each readiness wait; the test timeouts outlast four in a row. */
const START_TIMEOUT_MS = 30_000;
const TIMEOUT_MS = 5 * START_TIMEOUT_MS;

beforeAll(() => {
  generateDatasets({ mix: loadMix(DEFAULT_MIX_FILE), dir: datasetDir, points: 300, queries: 12 });
});

afterAll(async () => {
  for (const stateDir of stateDirs) await stopRunningLab({ stateDir });
  rmSync(root, { recursive: true, force: true });
}, TIMEOUT_MS);

/**
 * interruptedUp runs `vecstress lab up` in a process of its own and presses Ctrl-C twice as soon as
 * the state folder records Redis and the nodes, long before the lab is ready.
 */
async function interruptedUp(stateDir: string): Promise<LabState> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'vecstress.js'), 'lab', 'up', '--state-dir', stateDir, '--dataset-dir', datasetDir, '--nodes', '2'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const state = readState(stateDir);
    if (state?.phase === 'starting' && state.components.filter((c) => c.role === 'node').length === 2) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lab up never recorded its nodes (exit ${child.exitCode}):\n${err}`);
    }
    await pause(10);
  }
  child.kill('SIGINT');
  await pause(100);
  child.kill('SIGINT');
  expect(await exited).toBe(ExitCode.Interrupted);
  return readState(stateDir)!;
}

function processesOf(state: LabState): RunningProcess[] {
  return state.components.map((c) => c.process!);
}

describe('a lab start cut short by a second Ctrl-C', () => {
  it('leaves a record of its processes, which `lab down` stops', async () => {
    const state = await interruptedUp(stateDirs[0]);
    expect(state.phase).toBe('starting');
    expect(state.components.map((c) => c.name)).toEqual(['redis', 'node0', 'node1']);
    // Detached, they outlived the CLI that started them.
    expect(processesOf(state).every((p) => isRunning(p))).toBe(true);
    // A lab that never finished starting is not a running one...
    expect((await runCli(['lab', 'status', '--state-dir', stateDirs[0]])).out).toMatch(/no lab is running/);
    // ...but `lab down` finds it and stops everything it had started.
    expect((await runCli(['lab', 'down', '--state-dir', stateDirs[0]])).out).toBe('lab stopped\n');
    expect(processesOf(state).filter((p) => isRunning(p))).toEqual([]);
    expect(readState(stateDirs[0])).toBeUndefined();
  }, TIMEOUT_MS);

  it('is stopped by the next ensureLab, which then starts the lab afresh', async () => {
    const state = await interruptedUp(stateDirs[1]);
    const progress: string[] = [];
    const lab = await ensureLab({ stateDir: stateDirs[1], datasetDir, nodes: 2, startTimeoutMs: START_TIMEOUT_MS, onProgress: (line) => progress.push(line) });
    expect(lab.startedHere).toBe(true);
    expect(progress[0]).toBe('an earlier start of the lab was cut short: stopping the processes it had started');
    expect(processesOf(state).filter((p) => isRunning(p))).toEqual([]);
    expect(readState(stateDirs[1])?.phase).toBe('running');
    expect((await fetch(`${lab.endpoints.gateway}/api/v1/health`)).status).toBe(200);
    await lab.stop();
    expect(readState(stateDirs[1])).toBeUndefined();
  }, TIMEOUT_MS);
});
