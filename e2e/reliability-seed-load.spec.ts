import path from 'node:path';
import { expect, test } from '@playwright/test';
import { writeSyntheticContent } from '../scripts/synthetic-articles';
import { runSeedIn, startOwnSite, type OwnSite } from '../tests/support/e2e/own-server';

// A seed of 1,000 articles while readers load the site: no reader sees an error and the seed never
// meets a locked database. The site runs on a database of its own (support/own-server.ts), so the
// 1,000 articles stay out of the other tests' lists.

const BASE = 100;
const ADDED = 1_000;
const READERS = 16;
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
    '/search?q=harbour',
    ...Array.from({ length: 20 }, (_, i) => `/articles/synthetic-${String(i + 1).padStart(6, '0')}`),
  ];
  // Drafts among the first 100 answer 404; only pages that answered 200 before the seed are asked.
  const pages: string[] = [];
  for (const url of urls) if ((await fetch(`${site.origin}${url}`)).status === 200) pages.push(url);

  const failures = new Map<string, number>();
  let requests = 0;
  let loading = true;
  const reader = async () => {
    while (loading) {
      const url = pages[requests % pages.length] ?? '/';
      requests++;
      let outcome: string | null = null;
      try {
        // Generous: on a shared machine a request can queue for long; only an answer that never
        // comes, or a wrong one, is a failure.
        const response = await fetch(`${site.origin}${url}`, { signal: AbortSignal.timeout(60_000) });
        await response.arrayBuffer();
        if (response.status !== 200) outcome = `${response.status} ${url}`;
      } catch (error) {
        outcome = `${error instanceof Error ? error.name : 'error'} ${url}`;
      }
      if (outcome) failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
    }
  };
  const started = performance.now();
  const readers = Array.from({ length: READERS }, reader);
  const seed = await runSeedIn(site.env, ['--content', contentDir]);
  const seconds = (performance.now() - started) / 1000;
  loading = false;
  await Promise.all(readers);
  console.log(
    `Seed of ${ADDED} articles under load: ${seconds.toFixed(1)} s, ${requests} requests (${(requests / seconds).toFixed(0)}/s from ${READERS} readers), ${[...failures.values()].reduce((a, b) => a + b, 0)} failed.`,
  );

  expect(seed.output).not.toContain('SQLITE_BUSY');
  expect(seed.code, seed.output).toBe(0);
  expect(seed.output).toMatch(new RegExp(`Articles: ${ADDED} created`));
  expect(Object.fromEntries(failures)).toEqual({});
  expect(site.log()).not.toContain('SQLITE_BUSY');
  expect(requests).toBeGreaterThan(0);
});
