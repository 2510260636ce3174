import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeXml, jsonForScript } from './escape.ts';

const HOSTILE = '</script><img src=x onerror="alert(1)"> & \u2028 it\'s';

describe('escapeHtml', () => {
  it('turns every markup character into an entity', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; \u2028 it&#39;s');
  });
});

describe('jsonForScript', () => {
  it('never lets a value close the script element, yet parses back to the same data', () => {
    const data = { name: HOSTILE, nested: ['<!--', '-->', '</SCRIPT >'] };
    const json = jsonForScript(data);
    expect(json).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe('escapeMarkdown', () => {
  it('keeps a table cell one cell and inline HTML inert', () => {
    expect(escapeMarkdown('a|b <b>x</b> *y* [l](u) `c`\nnext')).toBe('a\\|b &lt;b&gt;x&lt;/b&gt; \\*y\\* \\[l\\](u) \\`c\\` next');
  });
});

describe('escapeXml', () => {
  it('escapes markup and replaces characters XML 1.0 forbids', () => {
    expect(escapeXml('a<b & "c"\u0001')).toBe('a&lt;b &amp; &quot;c&quot;\uFFFD');
  });
});
