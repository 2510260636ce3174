import { describe, expect, it } from 'vitest';
import { loadMix, loadProfile } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import { buildPlan } from '../plan/build.ts';
import { formatPlan } from './plan-table.ts';

const mix = loadMix(DEFAULT_MIX_FILE);
const recovery = (labCapacity?: { rps: number; measuredAt: string; machine: string }) =>
  formatPlan(buildPlan({ profileName: 'recovery', profile: loadProfile('recovery').definition, mix, form: 'lab', ...(labCapacity ? { labCapacity } : {}) }));

describe('formatPlan', () => {
  it('prints what the abort rule watches in each role of the plan, then the safety rule', () => {
    expect(recovery()).toContain(
      [
        'Abort:',
        '  warmup: error rate above 50% for 10 s',
        '  baseline: error rate above 50% for 10 s',
        '  overload: a high error rate is planned here; only the safety rule watches',
        '  recovery: error rate above 50% for 10 s, from 10 s into the stage',
        '  every stage: no request answered ok for 15 s (safety rule)',
      ].join('\n'),
    );
  });

  it('says which lab capacity sized the lab form, or that none is known yet', () => {
    expect(recovery()).toContain('Lab capacity: not measured yet (a run measures it first');
    expect(recovery({ rps: 300, measuredAt: '2026-12-04T00:00:00.000Z', machine: 'box, 2 × CPU, 8 GiB' })).toContain(
      'Lab capacity: 300 req/s (measured 2026-12-04T00:00:00.000Z on box, 2 × CPU, 8 GiB); this profile spans 0.3× to 2× of it',
    );
    expect(formatPlan(buildPlan({ profileName: 'recovery', profile: loadProfile('recovery').definition, mix, form: 'full' }))).not.toContain('Lab ');
  });
});
