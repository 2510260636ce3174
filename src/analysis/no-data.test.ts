import { describe, expect, it } from 'vitest';
import { calmGeneratorSamples, NO_THRESHOLDS, syntheticRun, type SyntheticRunSpec } from '../../test/helpers/synthetic-run.ts';
import { analyzeRun } from './analyze.ts';

// No data is never a pass: what was not watched or not counted makes the run inconclusive, and a
// collection gone after the run is lost data.
const run = (spec: Partial<SyntheticRunSpec> = {}) =>
  analyzeRun(syntheticRun({ stages: [{ seconds: 20, target: 40 }], thresholds: NO_THRESHOLDS, samples: calmGeneratorSamples(20), ...spec }));

describe('no data is never a pass', () => {
  it('passes a run whose generator was watched and whose points were all counted', () => {
    expect(run({ pointsBefore: { alpha: 1000 }, pointsAfter: { alpha: 1000 } })).toMatchObject({ verdict: 'pass', integrity: { checked: true, ok: true, uncounted: [] } });
  });

  it('is inconclusive without generator samples: the generator may have measured itself', () => {
    const summary = run({ samples: [] });
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.verdictReasons).toEqual([{ code: 'generator-not-sampled' }]);
    expect(summary.missing).toContainEqual({ code: 'no-generator-samples' });
  });

  it('fails a run whose collection is gone after it (404), naming the collection', () => {
    const summary = run({ pointsBefore: { alpha: 1000, beta: 50 }, pointsAfter: { beta: 50 }, pointCountFailures: { after: { alpha: { code: 'not-found', error: 'HTTP 404' } } } });
    expect(summary.integrity).toMatchObject({ checked: true, ok: false, uncounted: [] });
    expect(summary.verdict).toBe('fail');
    expect(summary.verdictReasons).toEqual([{ code: 'integrity-changed', changed: [{ collection: 'alpha', before: 1000, after: null }] }]);
  });

  it('is inconclusive when a count could not be read for another reason, naming the collection and the error', () => {
    const summary = run({ pointsBefore: { alpha: 1000, beta: 50 }, pointsAfter: { beta: 50 }, pointCountFailures: { after: { alpha: { code: 'unreadable', error: 'HTTP 503' } } } });
    expect(summary.integrity).toMatchObject({ checked: true, ok: null, uncounted: [{ collection: 'alpha', when: 'after', error: 'HTTP 503' }] });
    expect(summary.verdict).toBe('inconclusive');
    expect(summary.verdictReasons).toEqual([{ code: 'points-uncounted', uncounted: [{ collection: 'alpha', when: 'after', error: 'HTTP 503' }] }]);
  });

  it('reads a collection counted before and not after, in a folder that recorded no failures, as uncounted', () => {
    const summary = run({ pointsBefore: { alpha: 1000 } });
    expect(summary.integrity.uncounted).toEqual([{ collection: 'alpha', when: 'after', error: 'not counted' }]);
    expect(summary.verdict).toBe('inconclusive');
  });
});
