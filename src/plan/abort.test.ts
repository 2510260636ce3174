import { describe, expect, it } from 'vitest';
import { tempFiles } from '../../test/helpers/cli.ts';
import { ConfigError } from '../config/errors.ts';
import { loadMix, loadProfile } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import { readConfigFile } from '../config/yaml-file.ts';
import { profileSchema } from '../config/profile-schema.ts';
import { buildPlan } from './build.ts';

const mix = loadMix(DEFAULT_MIX_FILE);

const recoveryStages = `stages:
  - { name: baseline, duration: 100s, connections: 10, role: baseline }
  - { name: overload, duration: 100s, connections: 90, role: overload }
  - { name: after, duration: 400s, connections: 10, role: recovery }
lab: { loadScale: 0.1, timeScale: 0.1 }
`;

function profileFile(abort: string): string {
  return `description: test\nmodel: open\nratePerConnection: 4\n${recoveryStages}${abort}`;
}

/** problemsOf reads a profile file and returns its config problems as "line: path: message". */
function problemsOf(text: string): string[] {
  const files = tempFiles({ 'p.yaml': text });
  try {
    readConfigFile(files['p.yaml']!, profileSchema);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
  }
}

describe('planAbort', () => {
  it('gives a planned overload only the safety rule and a recovery stage a grace scaled like its durations', () => {
    const profile = readConfigFile(tempFiles({ 'p.yaml': profileFile('') })['p.yaml']!, profileSchema);
    const full = buildPlan({ profileName: 'p', profile, mix, form: 'full' }).abort;
    expect(full.roles.overload).toBeNull();
    expect(full.roles.baseline).toEqual({ errorRate: 0.5, forSeconds: 10, afterSeconds: 0 });
    expect(full.roles.recovery).toEqual({ errorRate: 0.5, forSeconds: 10, afterSeconds: 120 });
    expect(full.safetyForSeconds).toBe(15);
    const lab = buildPlan({ profileName: 'p', profile, mix, form: 'lab', timeScale: 0.5 }).abort;
    expect(lab.roles.recovery?.afterSeconds).toBe(6); // 120 s × 0.1 × 0.5
    expect(lab.roles.recovery?.forSeconds).toBe(10);
  });

  it('takes a role\'s own values over the defaults, and the profile\'s rule where the role sets none', () => {
    const text = profileFile('abort:\n  errorRate: 20%\n  safety: { for: 30s }\n  roles:\n    overload: { errorRate: 99% }\n    recovery: { after: 0s, for: 5s }\n');
    const profile = readConfigFile(tempFiles({ 'p.yaml': text })['p.yaml']!, profileSchema);
    const abort = buildPlan({ profileName: 'p', profile, mix, form: 'full' }).abort;
    expect(abort.roles.overload).toEqual({ errorRate: 0.99, forSeconds: 10, afterSeconds: 0 });
    expect(abort.roles.recovery).toEqual({ errorRate: 0.2, forSeconds: 5, afterSeconds: 0 });
    expect(abort.roles.baseline).toEqual({ errorRate: 0.2, forSeconds: 10, afterSeconds: 0 });
    expect(abort.safetyForSeconds).toBe(30);
  });

  it('keeps the bundled overload profiles running through their overload', () => {
    for (const name of ['recovery', 'spike']) {
      const { definition } = loadProfile(name);
      const plan = buildPlan({ profileName: name, profile: definition, mix, form: 'lab' });
      const overload = plan.stages.filter((s) => s.role === 'overload');
      expect(overload.length).toBeGreaterThan(0);
      expect(overload.every((s) => plan.abort.roles[s.role] === null)).toBe(true);
    }
  });
});

describe('the profile\'s abort roles', () => {
  it('refuses switching the rule off outside a planned overload, naming the line and field', () => {
    expect(problemsOf(profileFile('abort:\n  roles:\n    recovery: off\n'))).toEqual([
      '11: abort.roles.recovery: only a planned overload may switch the error-rate rule off; a recovery stage keeps it (set errorRate or for instead)',
    ]);
  });

  it('refuses an unknown role, listing the known ones', () => {
    const [problem] = problemsOf(profileFile('abort:\n  roles:\n    spiek: off\n'));
    expect(problem).toMatch(/^11: abort\.roles\.spiek: unknown key "spiek".*overload/);
  });

  it('refuses a rule for a role no stage of the profile has', () => {
    expect(problemsOf(profileFile('abort:\n  roles:\n    step: { errorRate: 10% }\n'))).toEqual([
      '11: abort.roles.step: no stage has role "step"; this profile\'s roles: baseline, overload, recovery',
    ]);
  });
});
