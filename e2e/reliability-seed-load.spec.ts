import { loadavg } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { writeSyntheticContent } from '../scripts/synthetic-articles';
import { runSeedIn, startOwnSite, type OwnSite } from '../tests/support/e2e/own-server';
import { startReaderLoad } from '../tests/support/e2e/reader-load';

// A seed of 1,000 articles while readers load the site as hard as they can (support/e2e/
// reader-load.ts: keep-alive connections, hundreds of requests a second on a quiet machine): no
// reader sees an error and the seed never meets a locked database. The site runs on a database of
// its own (support/own-server.ts), so the 1,000 articles stay out of the other tests' lists.

const BASE = 100;
const ADDED = 1_000;
const CONNECTIONS = 32;
let site: OwnSite;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  site = await startOwnSite('seed-load', BASE);
});

test.afterAll(() => site?.stop());

test('a seed of 1,000 articles under reader load fails no request and meets no SQLITE_BUSY', async () => {
  test.setTimeout(600_000);
  // The same generator and seed number: the first 100 articles are unchanged, 1,000 are new.
  const contentDir = path.join(site.dir, 'content-more');
  await writeSyntheticContent(contentDir, { count: BASE + ADDED });
  const urls = [
    '/',
    '/sections/world',
    '/sections/politics?page=2',
    '/feed.xml',
    '/atom.xml',
    '/sitemap.xml',
    ...Array.from({ length: 20 }, (_, i) => `/articles/synthetic-${String(i + 1).padStart(6, '0')}`),
  ];
  // Drafts among the first 100 answer 404; only pages that answered 200 before the seed are asked.
  // Searches, which are never cached, come from the load itself (1 in 50, each a new query).
  const pages: string[] = [];
  for (const url of urls) if ((await fetch(`${site.origin}${url}`)).status === 200) pages.push(url);

  // The same readers alone for a few seconds first: on a shared machine the rate means something
  // only beside a reference taken in the same run.
  const alone = startReaderLoad({ origin: site.origin, urls: pages, connections: CONNECTIONS });
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const reference = await alone.stop();
  expect(reference.failures).toEqual({});

  const load = startReaderLoad({ origin: site.origin, urls: pages, connections: CONNECTIONS });
  const started = performance.now();
  const seed = await runSeedIn(site.env, ['--content', contentDir]);
  const seedSeconds = (performance.now() - started) / 1000;
  const result = await load.stop();
  console.log(
    `Seed of ${ADDED} articles under load: ${seedSeconds.toFixed(1)} s; readers made ${result.requests} requests ` +
      `over ${CONNECTIONS} keep-alive connections, ${result.perSecond.toFixed(0)} req/s ` +
      `(1 in 50 a search never asked before), ${result.failed} failed; the same readers alone just before: ` +
      `${reference.perSecond.toFixed(0)} req/s; load average ${loadavg()[0]?.toFixed(1)}.`,
  );

  // The seed names a lock in words (lib/db.ts describeDatabaseProblem); the engine's name, too.
  expect(seed.output).not.toMatch(/SQLITE_BUSY|database is locked|is locked by another process/);
  expect(seed.code, seed.output).toBe(0);
  expect(seed.output).toMatch(new RegExp(`Articles: ${ADDED} created`));
  expect(result.failures).toEqual({});
  expect(site.log()).not.toMatch(/SQLITE_BUSY|database is locked|is locked by another process/);
  expect(result.requests).toBeGreaterThan(0);
});
