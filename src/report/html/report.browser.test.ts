import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumInstalled, launchChromium } from '../browser.ts';
import { FIXTURES, HOSTILE_COLLECTION, loadFixture, type FixtureName } from '../testdata/fixtures.ts';
import { writeReports } from '../write.ts';

// report.html in a real browser: Debian's Chromium, headless, opening the file as a user would.

const BROWSER_TIMEOUT_MS = 120_000;
const missing = chromiumInstalled() ? null : `${CHROMIUM} is missing: the report browser test is skipped (scripts/setup.sh installs chromium)`;
if (missing) console.warn(missing);

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

describe.skipIf(missing !== null)('report.html in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-browser-'));
  const opened = new Map<FixtureName, Opened>();

  beforeAll(async () => {
    browser = await launchChromium();
    for (const name of FIXTURES) {
      writeReports(join(dir, name), loadFixture(name));
      opened.set(name, await open(browser, join(dir, name, 'report.html')));
    }
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(FIXTURES)('draws every chart of %s as an SVG with marks', async (name) => {
    const { page } = opened.get(name)!;
    const charts: Array<{ id: string }> = JSON.parse((await page.locator('#vecstress-charts').textContent())!);
    expect(charts.length).toBeGreaterThanOrEqual(12);
    for (const { id } of charts) {
      await expect(page.locator(`#${id} > svg`).count(), id).resolves.toBe(1);
      const marks = await page.locator(`#${id} svg .role-mark`).locator('path, line, rect, text').count();
      expect(marks, id).toBeGreaterThan(0);
    }
    const figures = await page.locator('figure.chart').count();
    const empty = await page.locator('figure.chart .plot-empty').allTextContents();
    expect(charts.length + empty.length).toBe(figures);
    for (const reason of empty) expect(reason).toMatch(/^no data: /);
  });

  it.each(FIXTURES)('logs no console error and makes no request but the page itself (%s)', (name) => {
    const { url, requests, errors } = opened.get(name)!;
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('shows a missing sampler as "no data" with the reason', async () => {
    const { page } = opened.get('recovery-interrupted')!;
    await expect(page.locator('figure[data-chart="chart-redis"] .plot-empty').textContent()).resolves.toBe(
      'no data: the redis-latency sampler (redis) failed: connect ECONNREFUSED 127.0.0.1:6379',
    );
  });

  it('shows a hostile collection name as text in the tables and the charts, and runs none of it', async () => {
    const { page, dialogs } = opened.get('progressive')!;
    await expect(page.locator('#collections td').filter({ hasText: HOSTILE_COLLECTION }).count()).resolves.toBe(1);
    const labels = await page.locator('#chart-collection-latency svg text').allTextContents();
    expect(labels.some((label) => label.startsWith('</script><img'))).toBe(true);
    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('puts the verdict and the key numbers on the first screen of a laptop', async () => {
    const { page } = opened.get('progressive')!;
    const numbers = await page.locator('section.numbers').boundingBox();
    expect(numbers!.y + numbers!.height).toBeLessThan(900);
    await expect(page.locator('.verdict').textContent()).resolves.toBe('fail');
  });
});

/** open loads a report from file:// and records every request, console error, page error and dialog until its charts are drawn. */
async function open(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const result: Opened = { page, url, requests: [], errors: [], dialogs: [] };
  page.on('request', (request) => result.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') result.errors.push(message.text());
  });
  page.on('pageerror', (error) => result.errors.push(error.message));
  page.on('dialog', (dialog) => {
    result.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-charts="drawn"]', { timeout: BROWSER_TIMEOUT_MS / 2 });
  return result;
}
