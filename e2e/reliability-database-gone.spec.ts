import { renameSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startOwnSite, type OwnSite } from '../tests/support/e2e/own-server';

// The SQLite file taken away while the site runs (an operator's mistake, a restore in progress), on
// a site of its own (support/own-server.ts). SQLite keeps reading through the connection it already
// has, so every page, read before or not, must keep answering, the process must stay up, and it must
// still answer once the file is back. Times are printed, not asserted. The start of a site whose
// database is missing is dead-database.spec.ts.

let site: OwnSite;
const FILES = ['', '-wal', '-shm'];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  site = await startOwnSite('database-gone', 30);
});

test.afterAll(() => site?.stop());

async function timed(url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(`${site.origin}${url}`, { signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  return { status: response.status, ms: Math.round(performance.now() - started), body };
}

test('pages keep answering while the SQLite file is gone, and after it is back', async () => {
  test.setTimeout(120_000);
  const warm = ['/', '/sections/world', '/feed.xml', '/articles/synthetic-000001'];
  for (const url of warm) expect((await timed(url)).status, url).toBe(200);

  for (const suffix of FILES) renameSync(`${site.databaseFile}${suffix}`, `${site.databaseFile}.away${suffix}`);
  const results: string[] = [];
  try {
    for (const url of [...warm, `/search?q=harbour&n=${Date.now()}`, '/sections/politics', '/articles/no-such-story']) {
      const { status, ms, body } = await timed(url);
      results.push(`${status} in ${ms} ms ${url}`);
      expect(status, url).toBe(url.includes('no-such') ? 404 : 200);
      expect(body).not.toContain('news.db');
    }
  } finally {
    for (const suffix of FILES) renameSync(`${site.databaseFile}.away${suffix}`, `${site.databaseFile}${suffix}`);
  }
  console.log(`With the database file gone:\n  ${results.join('\n  ')}`);
  expect(site.server.exitCode).toBeNull();
  expect((await timed(`/search?q=council&n=${Date.now()}`)).status).toBe(200);
});
