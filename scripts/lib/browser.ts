import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { run } from './run';

const require = createRequire(import.meta.url);

// Where a Chromium may already be: an explicit choice, the system's (Debian, Ubuntu, Chrome), then
// Playwright's own download. Machines that reach only package registries cannot download Playwright's
// build, but can install the system package.
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(): string | null {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) return existsSync(chosen) ? chosen : null;
  const system = SYSTEM_PATHS.find((candidate) => existsSync(candidate));
  if (system) return system;
  const bundled = chromium.executablePath();
  return existsSync(bundled) ? bundled : null;
}

const HOW_TO = `No Chromium found for the end-to-end tests. Either:
  - install the system package:    sudo apt-get install chromium   (Debian/Ubuntu)
  - or Playwright's own build:     npx playwright install chromium
  - or point at one you have:      CHROMIUM_PATH=/path/to/chrome npm test`;

/** Finds a Chromium, installing one when this process may (root with apt-get, or Playwright's download). */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH)
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n${HOW_TO}`);

  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("No Chromium found: installing Debian's package (apt-get install chromium)…");
    try {
      await run('apt-get', ['update', '-qq']);
      await run('apt-get', ['install', '-y', '-qq', 'chromium'], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch (error) {
      console.warn(`apt-get could not install chromium: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    console.log("No Chromium found: trying Playwright's own download (npx playwright install chromium)…");
    await run(process.execPath, [require.resolve('@playwright/test/cli'), 'install', 'chromium']).catch(
      () => undefined,
    );
  }
  const installed = findChromium();
  if (!installed) throw new Error(HOW_TO);
  return installed;
}
