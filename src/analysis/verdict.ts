import { decidesVerdict } from './advisory.ts';
import type { GeneratorHealth, Summary, ThresholdResult, Verdict, VerdictReason } from './summary-types.ts';

export interface VerdictInput {
  manifest: { complete: boolean; exitReason: string; abortReason: string | null };
  windows: number;
  thresholds: readonly ThresholdResult[];
  generator: GeneratorHealth;
  integrity: Summary['integrity'];
}

/**
 * verdictOf decides pass, fail or inconclusive, with its coded reasons. A saturated generator
 * makes everything it measured doubtful, failures included, so it comes first. Otherwise any
 * failure fails the run, even a partial one: what was seen failing did fail. A pass needs a
 * complete run, a sampled generator, every collection's points counted, data for every threshold that decides it (not an advisory one) and every arrival sent: a run that dropped arrivals hid
 * their latency.
 */
export function verdictOf(input: VerdictInput): { verdict: Verdict; reasons: VerdictReason[] } {
  if (input.windows === 0) return { verdict: 'inconclusive', reasons: [{ code: 'no-windows' }] };
  const { generator } = input;
  if (generator.saturated && generator.maxCpuPercent !== null) {
    const { maxCpuPercent, saturationCpuPercent, saturationSamplesInRow } = generator;
    return { verdict: 'inconclusive', reasons: [{ code: 'generator-saturated', maxCpuPercent, saturationCpuPercent, saturationSamplesInRow }] };
  }

  const deciding = input.thresholds.filter(decidesVerdict);
  const failed: VerdictReason[] = deciding.filter((t) => t.status === 'fail').map((threshold) => ({ code: 'threshold-failed', threshold }));
  if (input.integrity.ok === false) failed.push({ code: 'integrity-changed', changed: input.integrity.changed });
  if (failed.length > 0) return { verdict: 'fail', reasons: failed };

  const doubts: VerdictReason[] = [];
  if (!input.manifest.complete) doubts.push({ code: 'incomplete', exitReason: input.manifest.exitReason, abortReason: input.manifest.abortReason });
  for (const threshold of deciding.filter((t) => t.status === 'no-data')) doubts.push({ code: 'threshold-no-data', threshold });
  if (input.integrity.uncounted.length > 0) doubts.push({ code: 'points-uncounted', uncounted: input.integrity.uncounted });
  // An unwatched generator may have saturated: its figures cannot be vouched for.
  if (generator.maxCpuPercent === null) doubts.push({ code: 'generator-not-sampled' });
  if (generator.droppedIterations > 0) doubts.push({ code: 'arrivals-dropped', count: generator.droppedIterations });
  return doubts.length > 0 ? { verdict: 'inconclusive', reasons: doubts } : { verdict: 'pass', reasons: [] };
}
