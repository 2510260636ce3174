import { escapeMarkdown, markdownCode } from './escape.ts';
import { findings } from './findings.ts';
import type { ReportInput } from './input.ts';
import { keyNumbers } from './key-numbers.ts';
import { runFacts } from './run-facts.ts';
import { redactUrl } from '../targets/redact.ts';
import { collectionsTable, errorClassesTable, stepsTable, thresholdsTable, type Table, type Tone } from './tables.ts';
import { reportBanners, type Banner } from './banners.ts';
import { METHOD } from './wording/method.ts';

const VERDICT_MARK = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const;
const TONE_MARK: Record<Tone, string> = { pass: '✅', fail: '❌', 'no-data': '⚪', warn: '⚠️' };
/** ALERT maps a banner to GitHub's alert blocks, which job summaries render as coloured boxes. */
const ALERT: Record<Banner['kind'], string> = { fail: 'CAUTION', inconclusive: 'WARNING', missing: 'WARNING', caution: 'NOTE' };

/**
 * renderMarkdown renders summary.md for a CI job summary ($GITHUB_STEP_SUMMARY and the like):
 * the verdict, what to read first, the key numbers, the thresholds, then the tables. Every value
 * is escaped: job summaries render inline HTML.
 */
export function renderMarkdown(input: ReportInput): string {
  const { summary } = input;
  const out: string[] = [];
  out.push(`## ${VERDICT_MARK[summary.verdict]} vecstress ${summary.verdict.toUpperCase()}: ${escapeMarkdown(summary.profile)} (${escapeMarkdown(summary.form)} form)`);
  out.push(`${markdownCode(summary.runId)} · ${escapeMarkdown(redactUrl(summary.target.url))} · started ${escapeMarkdown(summary.startedAt)} · ${summary.complete ? 'complete' : '**incomplete**'}`);

  for (const { kind, heading, items } of reportBanners(input)) {
    out.push([`> [!${ALERT[kind]}]`, `> **${escapeMarkdown(heading)}**`, ...items.map((item) => `> - ${escapeMarkdown(item)}`)].join('\n'));
  }

  out.push(table({ columns: [{ title: 'figure' }, { title: 'value', numeric: true }, { title: 'detail' }], rows: keyNumbers(summary).map((n) => [{ text: n.label }, { text: n.value }, { text: n.detail }]) }, { boldColumn: 1 }));

  out.push('### Thresholds');
  out.push(summary.thresholds.length === 0 ? 'No thresholds applied to this run.' : table(thresholdsTable(summary)));

  const lines = findings(summary);
  if (lines.length > 0) out.push(['### Findings', ...lines.map((line) => `- ${escapeMarkdown(line)}`)].join('\n'));

  if (summary.steps.length > 0) out.push('### Steps', table(stepsTable(summary)));
  if (Object.keys(summary.collections).length > 0) out.push('### Collections', table(collectionsTable(summary)));
  if (summary.totals.errors > 0) out.push('### Errors by class', table(errorClassesTable(summary)));

  out.push(['<details><summary>Run facts</summary>', '', ...runFacts(input).map((fact) => `- **${escapeMarkdown(fact.label)}**: ${escapeMarkdown(fact.value)}`), '', '</details>'].join('\n'));
  out.push(['<details><summary>How these figures were computed</summary>', '', ...METHOD.map((line) => `- ${escapeMarkdown(line)}`), '', '</details>'].join('\n'));
  out.push('Charts (the load and the cluster on one time axis, the breaking point, the USL curve) are in `report.html` in the run folder.');
  return `${out.join('\n\n')}\n`;
}

function table({ columns, rows }: Table, options: { boldColumn?: number } = {}): string {
  const header = `| ${columns.map((column) => escapeMarkdown(column.title)).join(' | ')} |`;
  const rule = `|${columns.map((column) => (column.numeric ? '---:' : '---')).join('|')}|`;
  const body = rows.map(
    (row) =>
      `| ${row
        .map((cell, i) => {
          const text = escapeMarkdown(cell.text);
          const marked = cell.tone ? `${TONE_MARK[cell.tone]} ${text}` : text;
          return i === options.boldColumn && text ? `**${marked}**` : marked;
        })
        .join(' | ')} |`,
  );
  return [header, rule, ...body].join('\n');
}
