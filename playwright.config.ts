import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/lib/browser';
import { SERVE_ARGS } from './scripts/lib/site-process';

// Run through `npm run test:e2e` (scripts/e2e.ts), which builds the site, prepares the test
// database and sets the variables read here.
const port = Number(process.env.PORT ?? 3100);
export const baseURL = process.env.SITE_URL ?? `http://localhost:${port}`;
const isCI = Boolean(process.env.CI);
// Traces, screenshots and the HTML report stay beside the run's database, so two runs never mix.
const workDir = process.env.E2E_WORK_DIR || '.tmp/e2e';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  outputDir: path.join(workDir, 'test-results'),
  reporter: isCI ? [['list'], ['html', { open: 'never', outputFolder: path.join(workDir, 'report') }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      // Without these, Chromium keeps calling hosts that a closed network refuses.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    // The site's own server (server/main.ts), as `npm run serve` runs it; it reads PORT from the environment.
    command: ['node', ...SERVE_ARGS].join(' '),
    env: { PORT: String(port) },
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
