// Debian's Chromium driven by playwright-core (no browser download). Where Chromium is missing the
// browser tests say so loudly and are skipped — except when CLAUSE5_REQUIRE_BROWSER is set (.ci/run
// sets it), where a missing browser fails them.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromiumPath = CANDIDATES.find((p): p is string => Boolean(p) && existsSync(p!));
export const browserRequired = Boolean(process.env.CLAUSE5_REQUIRE_BROWSER);

if (!chromiumPath && !browserRequired) {
  process.stderr.write(
    '\n!!! Chromium is not installed: the browser tests are SKIPPED. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH. !!!\n\n',
  );
}

/** Whether to run the browser tests here (with a browser, or when one is required: then they fail without it). */
export const runBrowserTests = Boolean(chromiumPath) || browserRequired;

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath)
    throw new Error('Chromium is required (CLAUSE5_REQUIRE_BROWSER is set) but not installed: apt-get install -y chromium, or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
}
