import type { Summary, Verdict } from './summary-types.ts';

// A repeat is the same profile run N times: one run's numbers are one sample of the noise, so the
// repeat states each figure's median and spread, and takes its verdict from the median.

/**
 * REPEAT_SCHEMA_VERSION versions repeat.json (docs/run-folder.md, "Repeats"): 1 holds every run's
 * id, verdict and key figures, their median and spread, and the verdict taken from the median.
 */
export const REPEAT_SCHEMA_VERSION = 1;

/** REPEAT_FILE is the repeat folder's summary, beside repeat.md and one run folder per run. */
export const REPEAT_FILES = { summary: 'repeat.json', markdown: 'repeat.md' } as const;

/**
 * SEED_POLICY: every run of a repeat uses the plan's seed, so each sends the same requests in the
 * same order and only the target's and the machine's noise differs between them.
 */
export const SEED_POLICY = 'same-seed' as const;

/** RepeatFigure names a figure each run gives: what the repeat's spread is about. */
export type RepeatFigure = 'throughputRps' | 'capacityRps' | 'p95Ms' | 'recoverySeconds';

/** RepeatRun is one run of a repeat, its folder a subfolder of the repeat's named by its id. */
export interface RepeatRun {
  runId: string;
  verdict: Verdict;
  complete: boolean;
  /** null: the run has no such figure (no latency, no breaking point, no recovery measured or none came). */
  throughputRps: number | null;
  capacityRps: number | null;
  p95Ms: number | null;
  recoverySeconds: number | null;
}

/**
 * FigureSpread is one figure over the runs that have it: its median, min, max and coefficient of
 * variation (sample standard deviation / mean; null with fewer than 2 values or a mean of 0).
 * `missing` counts the runs without it: with any missing, the median is not the repeat's.
 */
export interface FigureSpread {
  runs: number;
  missing: number;
  median: number | null;
  min: number | null;
  max: number | null;
  coefficientOfVariation: number | null;
}

/** RepeatSummary is repeat.json. */
export interface RepeatSummary {
  schemaVersion: typeof REPEAT_SCHEMA_VERSION;
  repeatId: string;
  profile: string;
  form: Summary['form'];
  model: Summary['model'];
  seedPolicy: typeof SEED_POLICY;
  seed: number;
  /** Runs asked for (--repeat) and whether all of them ran: an interrupt or a run error stops a repeat. */
  requested: number;
  complete: boolean;
  runs: RepeatRun[];
  figures: Record<RepeatFigure, FigureSpread>;
  /** How many runs got each verdict. */
  verdicts: Record<Verdict, number>;
  /** The median run's verdict, ordering pass < inconclusive < fail (the worse middle one for an even count); inconclusive when incomplete. */
  verdict: Verdict;
}

const FIGURES: Record<RepeatFigure, (summary: Summary) => number | null> = {
  throughputRps: (s) => (s.totals.completed > 0 ? s.totals.throughputRps : null),
  capacityRps: (s) => s.breakingPoint.capacityRps,
  p95Ms: (s) => s.latencyMs?.p95 ?? null,
  recoverySeconds: (s) => (s.recovery.measured ? s.recovery.seconds : null),
};

const VERDICT_ORDER: readonly Verdict[] = ['pass', 'inconclusive', 'fail'];

/** summarizeRepeat puts the runs of a repeat side by side: every run's figures, their spread and the median verdict. */
export function summarizeRepeat(repeatId: string, requested: number, seed: number, summaries: readonly Summary[]): RepeatSummary {
  const first = summaries[0];
  const runs = summaries.map((s): RepeatRun => ({
    runId: s.runId,
    verdict: s.verdict,
    complete: s.complete,
    ...(Object.fromEntries(Object.entries(FIGURES).map(([name, read]) => [name, read(s)])) as Record<RepeatFigure, number | null>),
  }));
  const figures = Object.fromEntries((Object.keys(FIGURES) as RepeatFigure[]).map((name) => [name, spreadOf(runs.map((r) => r[name]))])) as Record<RepeatFigure, FigureSpread>;
  const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
  for (const run of runs) verdicts[run.verdict] += 1;
  const complete = runs.length === requested;
  return {
    schemaVersion: REPEAT_SCHEMA_VERSION,
    repeatId,
    profile: first?.profile ?? 'unknown',
    form: first?.form ?? 'lab',
    model: first?.model ?? 'open',
    seedPolicy: SEED_POLICY,
    seed,
    requested,
    complete,
    runs,
    figures,
    verdicts,
    verdict: complete ? medianVerdict(runs.map((r) => r.verdict)) : 'inconclusive',
  };
}

/** spreadOf is the median and spread of the values present. */
export function spreadOf(values: ReadonlyArray<number | null>): FigureSpread {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const missing = values.length - present.length;
  if (present.length === 0) return { runs: 0, missing, median: null, min: null, max: null, coefficientOfVariation: null };
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance = present.length < 2 ? null : present.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (present.length - 1);
  return {
    runs: present.length,
    missing,
    median: median(present),
    min: present[0]!,
    max: present[present.length - 1]!,
    coefficientOfVariation: variance === null || mean === 0 ? null : Math.sqrt(variance) / Math.abs(mean),
  };
}

/** median of sorted values: the middle one, or the mean of the middle two. */
export function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'inconclusive';
  const ranks = verdicts.map((v) => VERDICT_ORDER.indexOf(v)).sort((a, b) => a - b);
  // The upper middle for an even count: between a pass and a fail, the repeat does not pass.
  return VERDICT_ORDER[ranks[Math.floor(ranks.length / 2)]!]!;
}
