import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRESS_FLAGS } from '../../test/helpers/stress-flags.ts';
import { ConfigError } from '../config/errors.ts';
import { resolveStressConfig, type StressFlags } from '../config/stress.ts';
import { prepareStress } from './prepare.ts';

function problemsOf(flags: Partial<StressFlags>): string[] {
  try {
    prepareStress(resolveStressConfig({ ...STRESS_FLAGS, ...flags }, {}));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('preparing a stress run', () => {
  it('builds the plan the config describes', () => {
    const prepared = prepareStress(resolveStressConfig({ ...STRESS_FLAGS, profile: 'spike', scale: 2 }, {}));
    const plain = prepareStress(resolveStressConfig({ ...STRESS_FLAGS, profile: 'spike' }, {}));
    expect(prepared.plan.profile).toBe('spike');
    expect(prepared.plan.form).toBe('lab');
    expect(prepared.plan.durationSeconds).toBe(plain.plan.durationSeconds);
    expect(prepared.plan.limits.maxConnections).toBe(2 * plain.plan.limits.maxConnections);
    expect(prepared.baseline).toBeUndefined();
  });

  it('reports the engine that cannot drive the plan and the baseline that is not a run, together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vecstress-not-a-run-'));
    expect(problemsOf({ engine: 'autocannon', baseline: dir })).toEqual([
      expect.stringMatching(/^--engine: autocannon drives closed-model \(connections\) runs only, and profile "spike" is open-model/),
      `--baseline: ${dir} is not a run folder: it has no run.json`,
    ]);
  });

  it('lets autocannon drive a closed plan without think time', () => {
    expect(prepareStress(resolveStressConfig({ ...STRESS_FLAGS, engine: 'autocannon', model: 'closed' }, {})).engine).toBe('autocannon');
  });
});
