import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** CHROMIUM is Debian's headless-capable Chromium, which scripts/setup.sh installs; playwright never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';

/** CHROMIUM_ARGS keep the browser from calling home (updates, sync, safe browsing) while it reads a report. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}

/** launchChromium starts Debian's Chromium headless through playwright-core; the caller closes it. */
export function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (scripts/setup.sh does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
