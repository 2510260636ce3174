import type { Summary, ThresholdResult } from './summary-types.ts';

export interface VerdictInput {
  manifest: { complete: boolean; exitReason: string; abortReason: string | null };
  windows: number;
  thresholds: readonly ThresholdResult[];
  generator: Summary['generator'];
  integrity: Summary['integrity'];
}

export interface Verdict {
  verdict: Summary['verdict'];
  failReasons: string[];
  inconclusiveReasons: string[];
}

/**
 * verdictOf decides pass, fail or inconclusive. A saturated generator makes everything it measured
 * doubtful, failures included, so it comes first. Otherwise any failure fails the run, even a
 * partial one: what was seen failing did fail. A pass needs a complete run, data for every
 * threshold and every arrival sent: a run that dropped arrivals hid their latency.
 */
export function verdictOf(input: VerdictInput): Verdict {
  if (input.windows === 0) return { verdict: 'inconclusive', failReasons: [], inconclusiveReasons: ['the engine recorded no windows: nothing was measured'] };
  if (input.generator.saturated) return { verdict: 'inconclusive', failReasons: [], inconclusiveReasons: [input.generator.detail] };

  const failReasons = input.thresholds.filter((t) => t.status === 'fail').map(describeFailure);
  if (input.integrity.ok === false) failReasons.push(`data integrity: ${input.integrity.detail}`);
  if (failReasons.length > 0) return { verdict: 'fail', failReasons, inconclusiveReasons: [] };

  const inconclusiveReasons: string[] = [];
  if (!input.manifest.complete) {
    const why = input.manifest.abortReason ?? input.manifest.exitReason;
    inconclusiveReasons.push(`the run did not complete (${why}): a pass needs the whole plan`);
  }
  for (const t of input.thresholds.filter((t) => t.status === 'no data')) {
    inconclusiveReasons.push(`${t.name} (${t.scope}): no data${t.note ? `: ${t.note}` : ''}`);
  }
  if (input.generator.droppedIterations > 0) {
    inconclusiveReasons.push(`${input.generator.droppedIterations} arrivals were dropped at the in-flight bound and never sent: their latency is not in the figures`);
  }
  return inconclusiveReasons.length > 0 ? { verdict: 'inconclusive', failReasons, inconclusiveReasons } : { verdict: 'pass', failReasons, inconclusiveReasons };
}

function describeFailure(t: ThresholdResult): string {
  const observed = t.observed === null ? 'not met' : `${format(t.observed, t.unit)}`;
  const relation = t.kind === 'max' ? 'over' : 'under';
  return `${t.name} (${t.scope}): ${observed} ${t.observed === null ? '' : `${relation} the ${format(t.limit, t.unit)} limit`}`.trim();
}

function format(value: number, unit: string): string {
  if (unit === 'ratio') return `${Math.round(value * 10_000) / 100} %`;
  return `${Math.round(value * 100) / 100} ${unit}`;
}
