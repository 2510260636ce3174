import { SEED_POLICY, type FigureSpread, type RepeatFigure, type RepeatSummary } from '../analysis/repeat.ts';
import type { Unit } from '../analysis/summary-types.ts';
import { escapeMarkdown, markdownCode } from './escape.ts';
import { formatPercent, formatQuantity } from './format.ts';

const FIGURES: Array<{ figure: RepeatFigure; name: string; unit: Unit }> = [
  { figure: 'throughputRps', name: 'throughput', unit: 'req/s' },
  { figure: 'capacityRps', name: 'capacity', unit: 'req/s' },
  { figure: 'p95Ms', name: 'p95 latency', unit: 'ms' },
  { figure: 'recoverySeconds', name: 'recovery time', unit: 's' },
];

const SEED_POLICIES: Record<typeof SEED_POLICY, (seed: number) => string> = {
  'same-seed': (seed) => `every run used seed ${seed}: the same requests in the same order, so only noise differs`,
};

/**
 * renderRepeat writes repeat.md: the verdict taken from the median with the spread beside it, one
 * row per figure (median, min–max, coefficient of variation), then one row per run.
 */
export function renderRepeat(repeat: RepeatSummary): string {
  const counts = (['pass', 'fail', 'inconclusive'] as const).map((v) => `${repeat.verdicts[v]} ${v}`).join(', ');
  const ran = repeat.complete ? `${repeat.runs.length} runs` : `${repeat.runs.length} of ${repeat.requested} runs (stopped early: no verdict)`;
  const lines = [
    `## vecstress repeat: ${repeat.verdict.toUpperCase()}  ${escapeMarkdown(repeat.profile)} (${repeat.form} form, ${repeat.model} model), ${ran}`,
    '',
    `Verdict of the median run (${counts}); ${SEED_POLICIES[repeat.seedPolicy](repeat.seed)}.`,
    '',
    '| figure | median | min | max | CV | runs |',
    '|---|---:|---:|---:|---:|---:|',
    // A figure no run has (a recovery time for a profile without an overload) is left out.
    ...FIGURES.filter(({ figure }) => repeat.figures[figure].runs > 0).map(({ figure, name, unit }) => figureRow(name, unit, repeat.figures[figure])),
    '',
    '| run | verdict | throughput | capacity | p95 | recovery |',
    '|---|---|---:|---:|---:|---:|',
    ...repeat.runs.map(
      (run) =>
        `| ${markdownCode(run.runId)} | ${run.verdict} | ${formatQuantity(run.throughputRps, 'req/s')} | ${formatQuantity(run.capacityRps, 'req/s')} | ${formatQuantity(run.p95Ms, 'ms')} | ${formatQuantity(run.recoverySeconds, 's')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function figureRow(name: string, unit: Unit, spread: FigureSpread): string {
  const runs = spread.missing > 0 ? `${spread.runs} (${spread.missing} without)` : String(spread.runs);
  return `| ${name} | ${formatQuantity(spread.median, unit)} | ${formatQuantity(spread.min, unit)} | ${formatQuantity(spread.max, unit)} | ${formatPercent(spread.coefficientOfVariation)} | ${runs} |`;
}
