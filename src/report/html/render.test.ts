import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIXTURES, goldenPath, HOSTILE_COLLECTION, loadFixture } from '../testdata/fixtures.ts';
import { EMBED_SCRIPT } from './embed-script.ts';
import { renderHtml } from './render.ts';

/** STUB_BUNDLES stand in for vega's 800 KB so the golden file shows the page, not the libraries. */
const STUB_BUNDLES = { vega: '/* vega */', vegaLite: '/* vega-lite */', vegaEmbed: '/* vega-embed */' };

/** chartData reads back the charts the page embeds, as the page's own script does. */
function chartData(html: string): Array<{ id: string; spec: unknown }> {
  const match = /<script type="application\/json" id="vecstress-charts">(.*?)<\/script>/s.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('renderHtml', () => {
  it.each(FIXTURES)('renders %s as its golden report.html (vega bundles stubbed)', async (name) => {
    await expect(renderHtml(loadFixture(name), STUB_BUNDLES)).toMatchFileSnapshot(goldenPath(name, 'report.html'));
  });

  it('writes a hostile collection name only as escaped text, in the page and in the inlined JSON', () => {
    const html = renderHtml(loadFixture('progressive'), STUB_BUNDLES);
    expect(html).not.toContain(HOSTILE_COLLECTION);
    expect(html).not.toMatch(/<img/i);
    expect(html.match(/<\/script>/g)).toHaveLength(5);
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(JSON.stringify(chartData(html))).toContain(JSON.stringify(HOSTILE_COLLECTION).slice(1, -1));
  });

  it('allows only its own scripts, by hash, and no network at all', () => {
    const html = renderHtml(loadFixture('progressive'), STUB_BUNDLES);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    expect(policy).toMatch(/^default-src 'none'; /);
    for (const script of [...Object.values(STUB_BUNDLES), EMBED_SCRIPT]) {
      expect(policy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    }
    expect(policy).not.toContain('unsafe-inline\' \'unsafe-eval\'; style');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('embeds every chart that has data and shows the reason for one that has none', () => {
    const input = loadFixture('recovery-interrupted');
    const html = renderHtml(input, STUB_BUNDLES);
    const embedded = chartData(html).map((chart) => chart.id);
    expect(embedded).not.toContain('chart-redis');
    for (const id of embedded) expect(html).toContain(`<div class="plot" id="${id}"></div>`);
    expect(html).toContain('<div class="plot-empty">no data: the redis-latency sampler (redis) failed: connect ECONNREFUSED 127.0.0.1:6379</div>');
  });

  it('puts the verdict first and a banner saying what is missing when there is no verdict', () => {
    const html = renderHtml(loadFixture('recovery-interrupted'), STUB_BUNDLES);
    const body = html.slice(html.indexOf('<body>'));
    expect(body.indexOf('verdict-inconclusive')).toBeLessThan(body.indexOf('class="numbers"'));
    expect(body).toMatch(/<section class="banner banner-inconclusive" role="alert"><strong>Incomplete run \(60 s of 72 s, interrupted\): no verdict<\/strong>/);
    expect(body).toContain('<li>sampler redis-info (redis) failed: 60 of 60 samples not taken, last error: connect ECONNREFUSED 127.0.0.1:6379</li>');
  });

  it('says why a run failed, and shows no inconclusive banner for a run with a verdict', () => {
    const html = renderHtml(loadFixture('progressive'), STUB_BUNDLES);
    expect(html).toContain('<section class="banner banner-fail" role="alert"><strong>Why it failed</strong>');
    expect(html).not.toContain('<section class="banner banner-inconclusive"');
  });

  it('never prints credentials from the target URL', () => {
    const input = loadFixture('progressive');
    input.manifest.target.url = 'http://admin:s3cret@qdrant.example:6333/?api_key=k3y';
    input.summary.target.url = input.manifest.target.url;
    input.manifest.config.flags = { ...input.manifest.config.flags, apiKey: 'k3y' };
    const html = renderHtml(input, STUB_BUNDLES);
    expect(html).not.toMatch(/s3cret|k3y/);
    expect(html).toContain('http://admin:***@qdrant.example:6333/?api_key=***');
    expect(html).toContain('--apiKey=***');
  });
});
