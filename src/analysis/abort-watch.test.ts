import { describe, expect, it } from 'vitest';
import { syntheticRun, type SyntheticRunSpec } from '../../test/helpers/synthetic-run.ts';
import { uniformAbort } from '../plan/abort.ts';
import { abortSentence } from '../report/wording/abort.ts';
import { analyzeRun } from './analyze.ts';

const SPIKE: SyntheticRunSpec['stages'] = [
  { name: 'ramp-up', role: 'warmup', seconds: 5, target: 40, startTarget: 4 },
  { name: 'baseline', role: 'baseline', seconds: 20, target: 40 },
  { name: 'spike', role: 'overload', seconds: 10, target: 400 },
  { name: 'after', role: 'recovery', seconds: 40, target: 40 },
];
const planned = uniformAbort(0.5, 10, 15);
const abort = { ...planned, roles: { ...planned.roles, overload: null, recovery: { errorRate: 0.5, forSeconds: 10, afterSeconds: 8 } } };

describe('abortWatchOf', () => {
  it('says per role what the rule watched, and that it did not fire', () => {
    const watch = analyzeRun(syntheticRun({ stages: SPIKE, abort })).abortRule!;
    expect(watch.roles).toEqual([
      { role: 'warmup', stages: [0], errorRate: 0.5, forSeconds: 10, afterSeconds: 0 },
      { role: 'baseline', stages: [1], errorRate: 0.5, forSeconds: 10, afterSeconds: 0 },
      { role: 'overload', stages: [2], errorRate: null, forSeconds: null, afterSeconds: 0 },
      { role: 'recovery', stages: [3], errorRate: 0.5, forSeconds: 10, afterSeconds: 8 },
    ]);
    expect(watch.fired).toBeNull();
    expect(abortSentence(watch)).toBe(
      'warmup: error rate above 50 % for 10 s; baseline: error rate above 50 % for 10 s; overload: planned failures, only the safety rule; recovery: error rate above 50 % for 10 s from 8 s into the stage; safety rule: no request answered ok for 15 s, in every stage. It did not fire.',
    );
  });

  it('names the rule and stage that stopped the run, from the abort event', () => {
    const detail = { rule: 'safety', stage: 2, second: 31 };
    const watch = analyzeRun(syntheticRun({ stages: SPIKE, abort, seconds: 32, events: [{ type: 'abort', second: 32, message: 'x', detail }] })).abortRule!;
    expect(watch.fired).toEqual({ rule: 'safety', second: 31, stage: 2, stageName: 'spike' });
    expect(abortSentence(watch)).toMatch(/The safety rule stopped the run at second 31, in stage 2 \(spike\)\.$/);
  });

  it('reads an abort event from before the rule had roles as the error-rate rule in the stage of its second', () => {
    const watch = analyzeRun(syntheticRun({ stages: SPIKE, seconds: 30, events: [{ type: 'abort', second: 28, message: 'error rate above 50%' }] })).abortRule!;
    expect(watch.fired).toEqual({ rule: 'error-rate', second: 28, stage: 2, stageName: 'spike' });
  });
});
