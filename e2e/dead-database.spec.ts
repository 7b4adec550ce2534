import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../scripts/lib/free-port';
import { SERVE_ARGS } from '../scripts/lib/site-process';

// A site whose database is missing must say so to the operator and show readers the site's error page
// with 503 and Retry-After (server/unavailable.ts), not a stack trace or a blank screen. This starts a second server (server/main.ts, as the site runs)
// from the same build with a DATABASE_URL that points nowhere; its caches start empty, and a search
// always reaches the database.

let server: ChildProcess;
let origin: string;
let log = '';

test.beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = spawn(process.execPath, SERVE_ARGS, {
    env: { ...process.env, DATABASE_URL: `file:${path.resolve('.tmp/no-such-folder/news.db')}`, PORT: String(port) },
  });
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await expect.poll(() => log, { timeout: 30_000 }).toMatch(/Ready on/);
});

test.afterAll(() => {
  server.kill();
});

test('a missing database gives readers the styled 503 and the operator a clear message', async ({ page }) => {
  const started = performance.now();
  const response = await page.goto(`${origin}/search?q=${Date.now()}`);
  console.log(
    `Missing database: /search answered ${response?.status()} in ${Math.round(performance.now() - started)} ms`,
  );
  expect(response?.status()).toBe(503);
  const headers = response?.headers() ?? {};
  expect(headers['retry-after']).toMatch(/^\d+$/);
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something went wrong');
  // The site's own look: its header and its stylesheet, applied.
  await expect(page.getByRole('link', { name: 'The Daily Ledger' })).toBeVisible();
  expect(await page.locator('link[rel="stylesheet"]').count()).toBeGreaterThan(0);
  expect(await page.locator('.notice').evaluate((element) => getComputedStyle(element).maxWidth)).not.toBe('none');
  await expect(page.locator('body')).not.toContainText('no-such-folder');
  await expect.poll(() => log).toContain('Database problem: the SQLite database at');
  expect(log).toContain('does not exist: check DATABASE_URL');
  expect(server.exitCode).toBeNull();
});
