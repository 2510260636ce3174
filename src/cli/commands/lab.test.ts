import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'vecstress-lab-cli-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

// The lab's processes are proven in src/lab/lab.test.ts; these are the CLI's answers without one.
describe('vecstress lab', () => {
  it('says so when no lab is running (exit 3), as text and as JSON', async () => {
    const text = await runCli(['lab', 'status', '--state-dir', stateDir]);
    expect(text).toMatchObject({ code: 3, out: expect.stringMatching(/no lab is running/) as string });
    const json = await runCli(['lab', 'status', '--json', '--state-dir', stateDir]);
    expect(JSON.parse(json.out)).toEqual({ running: false });
    expect((await runCli(['lab', 'down', '--state-dir', stateDir])).out).toBe('no lab was running\n');
    const kill = await runCli(['lab', 'kill', '1', '--state-dir', stateDir]);
    expect(kill.code).toBe(3);
    expect(kill.err).toMatch(/no lab is running/);
  });

  it('refuses bad options before starting anything, naming each flag (exit 2)', async () => {
    const up = await runCli(['lab', 'up', '--nodes', '0', '--replication', '3', '--state-dir', stateDir]);
    expect(up.code).toBe(2);
    expect(up.err).toMatch(/--nodes: must be a whole number of at least 1, got 0/);
    expect(up.err).toMatch(/--replication: 3 replicas need at least as many nodes, there are 0/);
    expect((await runCli(['lab', 'kill', 'nodeX', '--state-dir', stateDir])).code).toBe(2);
    const fault = await runCli(['lab', 'fault', 'db', '--latency', '10ms', '--state-dir', stateDir]);
    expect(fault).toMatchObject({ code: 2, err: expect.stringMatching(/"db" is not a fault target/) as string });
    expect((await runCli(['lab', 'fault', 'redis', '--state-dir', stateDir])).err).toMatch(/--sleep: redis takes --sleep/);
    expect((await runCli(['lab', 'fault', '0', '--error-rate', '150%', '--state-dir', stateDir])).code).toBe(2);
  });

  it('refuses a missing Qdrant binary, naming the flag, before anything starts', async () => {
    const up = await runCli(['lab', 'up', '--qdrant-bin', join(stateDir, 'no-qdrant'), '--state-dir', stateDir]);
    expect(up.code).toBe(2);
    expect(up.err).toMatch(/--qdrant-bin \(or \$QDRANT_BIN\): .*no-qdrant does not exist/);
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    expect(existsSync(join(stateDir, 'redis.log'))).toBe(false);
  });
});
