import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';
import { FIXTURES, goldenPath, HOSTILE_COLLECTION, loadFixture } from './testdata/fixtures.ts';

describe('renderMarkdown', () => {
  it.each(FIXTURES)('renders %s as its golden summary.md', async (name) => {
    await expect(renderMarkdown(loadFixture(name))).toMatchFileSnapshot(goldenPath(name, 'summary.md'));
  });

  it('writes a hostile collection name as text, not HTML', () => {
    const markdown = renderMarkdown(loadFixture('progressive'));
    expect(markdown).not.toContain(HOSTILE_COLLECTION);
    expect(markdown).not.toMatch(/<img|<\/script/i);
    expect(markdown).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('opens with the verdict and says what is missing when there is none', () => {
    const markdown = renderMarkdown(loadFixture('recovery-interrupted'));
    expect(markdown.split('\n')[0]).toContain('INCONCLUSIVE');
    expect(markdown).toMatch(/> \[!WARNING\]\n> \*\*Incomplete run \(60 s of 72 s, interrupted\): no verdict\*\*/);
    expect(markdown).toContain('> - sampler redis-latency (redis) failed');
  });

  it('shows a threshold with no data as no data, never as a pass', () => {
    const row = renderMarkdown(loadFixture('progressive'))
      .split('\n')
      .find((line) => line.includes('| node memory |'));
    expect(row).toMatch(/^\| ⚪ no data \| node memory \|/);
  });
});
