import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RUN_FILES } from '../runfolder/manifest.ts';
import { launchChromium } from './browser.ts';

export const SCREENSHOT_FILE = 'report.png';

/** CHARTS_TIMEOUT_MS bounds the wait for vega to draw every chart: generous, the machine may be busy. */
const CHARTS_TIMEOUT_MS = 60_000;

/**
 * screenshotReport writes a full-page PNG of a run folder's report.html, as a laptop shows it
 * (1280 px wide), once every chart is drawn: the README's picture of a real report.
 */
export async function screenshotReport(runDir: string, file = join(runDir, SCREENSHOT_FILE)): Promise<string> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(resolve(runDir, RUN_FILES.html)).href);
    await page.waitForSelector('body[data-charts="drawn"]', { timeout: CHARTS_TIMEOUT_MS });
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } finally {
    await browser.close();
  }
}
