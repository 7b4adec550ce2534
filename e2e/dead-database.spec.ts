import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../scripts/lib/free-port';

// A site whose database is missing must say so to the operator and show readers a plain error page,
// not a stack trace or a blank screen. This starts a second server (server/main.ts, as the site runs)
// from the same build with a DATABASE_URL that points nowhere; its caches start empty, and a search
// always reaches the database.

let server: ChildProcess;
let origin: string;
let log = '';

test.beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, DATABASE_URL: `file:${path.resolve('.tmp/no-such-folder/news.db')}`, PORT: String(port) },
  });
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await expect.poll(() => log, { timeout: 30_000 }).toMatch(/Ready on/);
});

test.afterAll(() => {
  server.kill();
});

test('a missing database gives readers an error page and the operator a clear message', async ({ page }) => {
  const response = await page.goto(`${origin}/search?q=${Date.now()}`);
  expect(response?.status()).toBe(500);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something went wrong');
  await expect(page.locator('body')).not.toContainText('no-such-folder');
  await expect.poll(() => log).toContain('Database problem: the SQLite database at');
  expect(log).toContain('does not exist: check DATABASE_URL');
});
