import { describe, expect, it } from 'vitest';
import { calmGeneratorSamples, NO_THRESHOLDS, syntheticRun } from '../../test/helpers/synthetic-run.ts';
import { renderJunit } from '../report/junit.ts';
import { thresholdSentence } from '../report/wording/thresholds.ts';
import { analyzeRun } from './analyze.ts';

// p95 20 ms against a 10 ms limit, errors within theirs: only the model differs.
const SLOW = { global: { latency: { p95: 10 }, errorRate: 0.01 } };
const run = (model: 'open' | 'closed', errors = 0) =>
  analyzeRun(
    syntheticRun({
      model,
      stages: [{ seconds: 20, target: 40 }],
      load: () => ({ latencyMs: { p50: 12, p95: 20 }, ...(model === 'closed' ? { completed: 40 } : {}), errors: { status5xx: errors } }),
      thresholds: { ...NO_THRESHOLDS, ...SLOW },
      samples: calmGeneratorSamples(20),
    }),
  );

describe('latency thresholds of a closed-model run', () => {
  it('are evaluated and shown as advisory, and do not decide the verdict', () => {
    const summary = run('closed');
    const p95 = summary.thresholds.find((t) => t.metric === 'latency.p95')!;
    expect(p95).toMatchObject({ status: 'fail', advisory: 'closed-model' });
    expect(summary.thresholds.find((t) => t.metric === 'errorRate')).not.toHaveProperty('advisory');
    expect(summary.verdict).toBe('pass');
    expect(thresholdSentence(p95, summary)).toMatch(/^p95 latency \(global, advisory\): .* over the 10 ms limit$/);
    expect(renderJunit(summary)).toMatch(/failures="0"/);
  });

  it('leave the other limits deciding: a closed-model run over its error limit still fails', () => {
    expect(run('closed', 10).verdict).toBe('fail');
  });

  it('decide the verdict on an open-model run', () => {
    const summary = run('open');
    expect(summary.thresholds.find((t) => t.metric === 'latency.p95')).not.toHaveProperty('advisory');
    expect(summary.verdict).toBe('fail');
  });
});
