/**
 * STYLE is report.html's whole stylesheet: readable on a laptop, one column of time charts so
 * their axes line up, and a print layout that keeps each chart and table on one page.
 */
export const STYLE = `
:root { --fg: #1b2631; --muted: #5d6d7e; --line: #d5d8dc; --bg: #fff; --pass: #1e8449; --fail: #c0392b; --warn: #b9770e; --nodata: #7f8c8d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 8px; }
.sub { color: var(--muted); margin: 2px 0 0; overflow-wrap: anywhere; }
header.top { display: flex; gap: 16px; align-items: center; }
.verdict { font-weight: 700; font-size: 20px; letter-spacing: .04em; padding: 8px 16px; border-radius: 6px; color: #fff; text-transform: uppercase; }
.verdict-pass { background: var(--pass); } .verdict-fail { background: var(--fail); } .verdict-inconclusive { background: var(--warn); }
.banner { margin: 16px 0 0; padding: 10px 14px; border-radius: 6px; border: 1px solid; }
.banner ul { margin: 4px 0 0; padding-left: 20px; }
.banner-fail { background: #fdedec; border-color: #f1948a; }
.banner-inconclusive, .banner-missing { background: #fef5e7; border-color: #f0b27a; }
.banner-caution { background: #f4f6f7; border-color: var(--line); }
.numbers { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin-top: 18px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 21px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card .detail { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
ul.findings, ul.method { padding-left: 20px; } ul.findings li, ul.method li { margin: 3px 0; }
ul.method { color: var(--muted); font-size: 13px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; min-width: 50%; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 600; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tone-pass, .tone-fail, .tone-warn, .tone-no-data { white-space: nowrap; }
.tone-pass { color: var(--pass); font-weight: 600; } .tone-fail { color: var(--fail); font-weight: 600; }
.tone-warn { color: var(--warn); font-weight: 600; } .tone-no-data { color: var(--nodata); font-style: italic; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.chart { margin: 0 0 14px; }
.chart figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
.chart figcaption strong { color: var(--fg); font-size: 14px; margin-right: 6px; }
.plot { width: 100%; min-height: 60px; }
.plot-empty { border: 1px dashed var(--line); border-radius: 6px; padding: 28px 12px; text-align: center; color: var(--nodata); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } .numbers { grid-template-columns: repeat(2, 1fr); } }
@media print {
  @page { margin: 12mm; }
  main { max-width: none; padding: 0; }
  .verdict, .banner, .tone-pass, .tone-fail, .tone-warn { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .chart, .card, tr, .banner { break-inside: avoid; }
  h2 { break-after: avoid; }
  .plot svg { max-width: 100%; height: auto; }
  /* Paper does not scroll: wide tables shrink and wrap instead. */
  .table-wrap { overflow: visible; }
  table { font-size: 9.5px; }
  th, td, td.num, th.num { padding: 2px 4px; white-space: normal; }
  th { overflow-wrap: normal; }
}
`;
