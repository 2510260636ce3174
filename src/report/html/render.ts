import { createHash } from 'node:crypto';
import { buildCharts } from '../charts/index.ts';
import type { Chart, ChartSection } from '../charts/chart.ts';
import { escapeHtml, jsonForScript } from '../escape.ts';
import { findings } from '../findings.ts';
import type { ReportInput } from '../input.ts';
import { keyNumbers } from '../key-numbers.ts';
import { runFacts } from '../run-facts.ts';
import { redactUrl } from '../../targets/redact.ts';
import { collectionsTable, errorClassesTable, nodesTable, samplersTable, stagesTable, stepsTable, thresholdsTable, type Cell, type Table } from '../tables.ts';
import { reportBanners, type Banner } from '../banners.ts';
import type { VegaBundles } from './bundles.ts';
import { EMBED_SCRIPT } from './embed-script.ts';
import { STYLE } from './style.ts';
import { fairnessSentence } from '../wording/findings.ts';
import { METHOD } from '../wording/method.ts';

/**
 * renderHtml renders report.html: one self-contained page (styles, data and the vega bundles
 * inline) that opens offline from file://. Its Content-Security-Policy forbids every network
 * request and allows only the page's own scripts, by hash: even a value that escaped escaping
 * could neither run nor call out.
 */
export function renderHtml(input: ReportInput, bundles: VegaBundles): string {
  const { summary, manifest } = input;
  const charts = buildCharts(input);
  const scripts = [bundles.vega, bundles.vegaLite, bundles.vegaEmbed, EMBED_SCRIPT];
  const title = `vecstress ${summary.verdict}: ${summary.profile} (${summary.form} form), ${summary.runId}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="top">
<div class="verdict verdict-${summary.verdict}">${escapeHtml(summary.verdict)}</div>
<div>
<h1>${escapeHtml(summary.profile)} · ${escapeHtml(summary.form)} form</h1>
<p class="sub">${escapeHtml(summary.runId)} · ${escapeHtml(redactUrl(summary.target.url))} · ${escapeHtml(summary.startedAt)} · ${summary.complete ? 'complete' : 'incomplete'}</p>
</div>
</header>
${reportBanners(input).map(banner).join('\n')}
<section class="numbers" aria-label="key numbers">
${keyNumbers(summary).map((n) => `<div class="card"><div class="label">${escapeHtml(n.label)}</div><div class="value">${escapeHtml(n.value)}</div><div class="detail">${escapeHtml(n.detail)}</div></div>`).join('\n')}
</section>
${list('Findings', findings(summary), 'findings')}
<section id="thresholds">
<h2>Thresholds</h2>
${summary.thresholds.length === 0 ? '<p>No thresholds applied to this run.</p>' : table(thresholdsTable(summary))}
</section>
<section id="capacity">
<h2>Breaking point and capacity</h2>
<div class="grid">
${figures(charts, 'capacity')}
</div>
<h3>Steps</h3>
${table(stepsTable(summary))}
</section>
<section id="timeline">
<h2>Load and cluster over time</h2>
${figures(charts, 'time')}
</section>
<section id="collections">
<h2>Collections</h2>
<div class="grid">
${figures(charts, 'collections')}
</div>
${table(collectionsTable(summary))}
</section>
<section id="errors">
<h2>Errors</h2>
${summary.totals.errors === 0 ? '<p>No request failed.</p>' : table(errorClassesTable(summary))}
</section>
<section id="cluster">
<h2>Nodes and samplers</h2>
${summary.fairness.measured ? table(nodesTable(summary)) : `<p>${escapeHtml(fairnessSentence(summary.fairness))}</p>`}
<h3>Samplers</h3>
${summary.samplers.length === 0 ? '<p>No sampler ran: the target was not watched.</p>' : table(samplersTable(summary))}
</section>
<section id="run">
<h2>Run facts</h2>
<dl class="facts">
${runFacts(input).map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`).join('\n')}
</dl>
<h3>Plan</h3>
${table(stagesTable(manifest.plan))}
</section>
${list('How these figures were computed', METHOD, 'method')}
<footer>vecstress ${escapeHtml(manifest.versions.vecstress)} · rebuild this report from the run folder with <code>vecstress report &lt;run-dir&gt;</code></footer>
</main>
<script type="application/json" id="vecstress-charts">[
${charts
  .filter((chart) => chart.spec !== null)
  .map((chart) => jsonForScript({ id: chart.id, spec: chart.spec }))
  .join(',\n')}
]</script>
${scripts.map((script) => `<script>${script}</script>`).join('\n')}
</body>
</html>
`;
}

/**
 * contentSecurityPolicy allows the page's own inline scripts by hash, vega's expression compiler
 * ('unsafe-eval': vega compiles its expressions with Function) and inline styles (vega-embed
 * injects its own), and nothing else: no fetch, image, font or frame from anywhere.
 */
function contentSecurityPolicy(scripts: readonly string[]): string {
  const hashes = scripts.map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  return `default-src 'none'; script-src ${hashes.join(' ')} 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

function banner({ kind, heading, items }: Banner): string {
  return `<section class="banner banner-${kind}" role="${kind === 'caution' ? 'note' : 'alert'}"><strong>${escapeHtml(heading)}</strong><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul></section>`;
}

function list(heading: string, items: readonly string[], css: string): string {
  if (items.length === 0) return '';
  return `<section><h2>${escapeHtml(heading)}</h2><ul class="${css}">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul></section>`;
}

function figures(charts: readonly Chart[], section: ChartSection): string {
  return charts
    .filter((chart) => chart.section === section)
    .map((chart) => {
      const body = chart.spec === null ? `<div class="plot-empty">${escapeHtml(chart.noData)}</div>` : `<div class="plot" id="${escapeHtml(chart.id)}"></div>`;
      return `<figure class="chart" data-chart="${escapeHtml(chart.id)}"><figcaption><strong>${escapeHtml(chart.title)}</strong>${escapeHtml(chart.caption)}</figcaption>${body}</figure>`;
    })
    .join('\n');
}

function table({ columns, rows }: Table): string {
  const head = columns.map((column) => `<th${column.numeric ? ' class="num"' : ''}>${escapeHtml(column.title)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((value, i) => cell(value, columns[i]?.numeric === true)).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function cell(value: Cell, numeric: boolean): string {
  const classes = [numeric ? 'num' : '', value.tone ? `tone-${value.tone.replace(' ', '-')}` : ''].filter(Boolean).join(' ');
  return `<td${classes ? ` class="${classes}"` : ''}>${escapeHtml(value.text)}</td>`;
}
