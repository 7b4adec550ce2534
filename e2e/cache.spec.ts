import { request as httpRequest } from 'node:http';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { stringify } from 'yaml';
import { baseURL } from '../playwright.config';
import { contentDir, runSeed } from '../tests/support/e2e/content';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// Pages are served from cache (docs/decisions/003-caching-and-scheduling.md): these tests check that
// the cache never shows readers stale content, never fills up with misses, serves the compressed
// bytes it promises, and never weakens the Content-Security-Policy.

const secret = () => ({ Authorization: `Bearer ${process.env.REVALIDATE_SECRET}` });

async function cacheStats(request: APIRequestContext, matching: string) {
  const response = await request.get(`/api/cache-stats?matching=${encodeURIComponent(matching)}`, {
    headers: secret(),
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    next: { entries: number; matched: number; pending: number };
    response: { entries: number; matched: number };
  };
}

test('every kind of page, feed and sitemap shows a seeded change within 5 s of the seed', async ({ request }) => {
  test.setTimeout(120_000);
  const slug = `cache-every-page-${test.info().workerIndex}-${Date.now().toString(36)}`;
  const headline = `Fictional cached-page story ${slug}`;
  const file = path.join(contentDir(), 'articles', `${slug}.md`);
  const pages = [
    '/',
    '/sections/world',
    '/tags/fixture-topic',
    '/authors/amara-okafor',
    '/feed.xml',
    '/atom.xml',
    '/sections/world/feed.xml',
    '/tags/fixture-topic/atom.xml',
    '/authors/amara-okafor/feed.xml',
  ];
  const bySlug = ['/sitemap.xml', '/news-sitemap.xml'];
  // Warm every cache first, so the test sees cached entries being dropped, not first renders. (Not
  // asserted as hits: other tests seed meanwhile, which rightly empties the caches.)
  for (const url of [...pages, ...bySlug]) expect((await request.get(url)).status(), url).toBe(200);
  expect((await request.get(`/articles/${slug}`)).status()).toBe(404);
  expect((await request.get(`/articles/${slug}/card.png`)).status()).toBe(404);

  const frontMatter = {
    slug,
    headline,
    standfirst: 'A fictional story written by the end-to-end tests.',
    section: 'world',
    authors: ['amara-okafor'],
    tags: ['Fixture topic'],
    status: 'published',
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
  };
  await writeFile(file, `---\n${stringify(frontMatter)}---\n\nFictional text for an end-to-end test.\n`);
  try {
    await runSeed();
    const seeded = Date.now();
    const within5s = { timeout: 5_000, intervals: [100, 250, 500] };
    const text = async (url: string) => (await request.get(url)).text();
    const status = async (url: string) => (await request.get(url)).status();
    await Promise.all([
      ...pages.map((url) => expect.poll(() => text(url), { ...within5s, message: url }).toContain(headline)),
      ...bySlug.map((url) => expect.poll(() => text(url), { ...within5s, message: url }).toContain(slug)),
      ...[`/articles/${slug}`, `/articles/${slug}/card.png`].map((url) =>
        expect.poll(() => status(url), { ...within5s, message: url }).toBe(200),
      ),
    ]);
    expect(Date.now() - seeded).toBeLessThan(10_000);
  } finally {
    await rm(file, { force: true });
    await runSeed();
  }
});

// 500 here, through the real server, a few at a time so the other tests running meanwhile are
// still served (each miss renders the 404 page); lib/cache/next-cache-handler.test.ts drives 10,000
// through the cache handler itself.
test('500 unknown slugs, tags, authors and page numbers add nothing to any cache', async ({ request }) => {
  test.setTimeout(300_000);
  const marker = `unknown-${test.info().workerIndex}-${Date.now().toString(36)}`;
  const urls = Array.from({ length: 500 }, (_, i) => {
    switch (i % 5) {
      case 0:
        return `/articles/${marker}-${i}`;
      case 1:
        return `/tags/${marker}-${i}/feed.xml`;
      case 2:
        return `/authors/${marker}-${i}`;
      case 3:
        return `/sections/${marker}-${i}`;
      default:
        return `/sections/politics?page=${100_000 + i}&${marker}`;
    }
  });
  let next = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const status = (await request.get(url)).status();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  expect(Object.fromEntries(statuses)).toEqual({ 404: 500 });
  const stats = await cacheStats(request, marker);
  expect(stats.next.matched).toBe(0);
  expect(stats.response.matched).toBe(0);
  // The page-number misses carry the marker only in a parameter the caches ignore: look for their keys.
  expect((await cacheStats(request, '/sections/politics/10')).next.matched).toBe(0);
  expect((await cacheStats(request, '/sections/politics?page=10')).response.matched).toBe(0);
});

/** A GET through node:http, which (unlike fetch) leaves the body as sent. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const request = httpRequest(new URL(url, baseURL), { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('stored pages and feeds are served as gzip and brotli bytes that decompress to the page', async () => {
  /** The body's tag without the encoding's suffix: equal tags mean the same stored page. */
  const pageTag = (response: { headers: Record<string, string | string[] | undefined> }) =>
    String(response.headers.etag).replace(/-(br\d+|gzip)"$/, '"');
  for (const url of ['/', '/articles/fixture-article-complete', '/feed.xml', '/sitemap.xml']) {
    // Tests in the other worker seed, and their scheduled stories go live, on this same site: each
    // such change empties the cache, and the next page may differ (a sitemap's lastmod). So the three
    // encodings are compared only when all three came from one stored page, and taken again (twice)
    // otherwise. A page that is never stored, or whose encodings differ, still fails.
    const fromOneStoredPage = async () => {
      await rawGet(url, {});
      const plain = await rawGet(url, { 'accept-encoding': 'identity' });
      const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
      const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
      const consistent =
        [plain, gzip, brotli].every((response) => response.headers['x-cache'] === 'HIT') &&
        pageTag(gzip) === pageTag(plain) &&
        pageTag(brotli) === pageTag(plain);
      return { plain, gzip, brotli, consistent };
    };
    let taken = await fromOneStoredPage();
    for (let attempt = 0; attempt < 2 && !taken.consistent; attempt++) taken = await fromOneStoredPage();
    const { plain, gzip, brotli } = taken;
    expect(plain.headers['x-cache'], url).toBe('HIT');
    expect(taken.consistent, url).toBe(true);
    expect(gzip.headers['content-encoding'], url).toBe('gzip');
    expect(brotli.headers['content-encoding'], url).toBe('br');
    expect(String(gzip.headers.vary), url).toContain('Accept-Encoding');
    expect(gunzipSync(gzip.body).equals(plain.body), url).toBe(true);
    expect(brotliDecompressSync(brotli.body).equals(plain.body), url).toBe(true);
  }
});

test('every response carries the security headers and a policy with no inline-script allowance', async ({
  request,
}) => {
  const strictScripts = (policy: string | undefined) => {
    expect(policy).toBeTruthy();
    const scripts = policy!.split('; ').find((part) => part.startsWith('script-src'));
    expect(scripts).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
  };
  const responses = {
    page: await request.get('/articles/fixture-article-complete'),
    'unknown page': await request.get('/articles/no-such-story-anywhere'),
    redirect: await request.get('/articles/fixture-article-complete/', { maxRedirects: 0 }),
    feed: await request.get('/feed.xml'),
    'static file': await request.get('/logo.svg'),
    prefetch: await request.get('/articles/fixture-article-complete', {
      headers: { rsc: '1', 'next-router-prefetch': '1' },
      maxRedirects: 0,
    }),
  };
  for (const [kind, response] of Object.entries(responses)) {
    const headers = response.headers();
    strictScripts(headers['content-security-policy']);
    expect(headers['x-content-type-options'], kind).toBe('nosniff');
    expect(headers['x-frame-options'], kind).toBe('DENY');
  }
  expect(responses.page.headers()['content-security-policy']).toContain("'sha256-");
  expect(responses['unknown page'].status()).toBe(404);
  expect(responses['unknown page'].headers()['content-security-policy']).toContain("'sha256-");
  expect(responses.redirect.status()).toBe(308);
});

test('pages are documents: no script files, no runtime, their own script runs under the policy, links load pages', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  // Next's runtime would show as script files and as the router's own requests (RSC, prefetches).
  const runtimeRequests: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || request.headers()['rsc']) runtimeRequests.push(request.url());
  });
  const pages = ['/', '/articles/fixture-article-complete', '/sections/politics?page=2', '/search?q=fixture'];
  for (const url of pages) {
    await page.goto(url);
    await expect(page.locator('script[src]'), url).toHaveCount(0);
    const inline = await page.locator('script:not([type="application/ld+json"])').allTextContents();
    expect(inline.join('\n'), url).not.toContain('__next_f');
  }
  // A link is a plain page load, answered from the cache.
  await page.goto('/sections/politics');
  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL('/sections/politics?page=2');
  await expect(page.locator('.pagination__status')).toHaveText(/Page 2 of/);
  expect(runtimeRequests).toEqual([]);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
