import { expect, test } from '@playwright/test';
import { readArticleSource } from '../tests/support/e2e/content';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// The first article of the newsroom, as committed in the real content folder (by name: editors add
// others beside it).
function firstArticle() {
  const source = readArticleSource('prisma/content/articles/trump-putin-call-no-ceasefire-progress.md');
  return {
    headline: String(source.frontMatter.headline),
    slug: String(source.frontMatter.slug),
    paragraphs: source.paragraphs,
  };
}

test('a reader goes from the front page to the first article and reads all of it', async ({ page }) => {
  const errors = collectPageErrors(page);
  const article = firstArticle();

  const front = await page.goto('/');
  expect(front?.status()).toBe(200);
  await page.getByRole('link', { name: article.headline }).first().click();
  await expect(page).toHaveURL(`/articles/${article.slug}`);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.headline);
  await expect(page).toHaveTitle(new RegExp(`^${article.headline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const body = page.locator('.article__body > p');
  await expect(body).toHaveText(article.paragraphs);

  // The file says `publishedAt: 2025-07-03`, a day without a time: the page shows the day alone,
  // not an invented midnight, and the machine-readable dates say the same day.
  const published = page.locator('.dateline time').first();
  await expect(published).toHaveText('3 July 2025');
  await expect(published).toHaveAttribute('datetime', '2025-07-03');
  const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
  const newsArticle = jsonLd.map((text) => JSON.parse(text)).find((item) => item['@type'] === 'NewsArticle');
  expect(newsArticle?.datePublished).toBe('2025-07-03');
  await expect(page.locator('meta[property="article:published_time"]')).toHaveAttribute('content', '2025-07-03');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S/);
  expect(errors).toEqual([]);
});

test("an unknown article, section, tag or author answers 404 with the site's not-found page, also without JavaScript", async ({
  page,
  browser,
}) => {
  const errors = collectPageErrors(page);
  const response = await page.goto('/articles/no-such-story-anywhere');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the front page' })).toBeVisible();
  expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
  // Next sends these as an empty document for its runtime to fill; our server sends the whole page
  // (server/not-found-page.ts), with no script file (decision 007).
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  for (const url of ['/articles/no-such-story-anywhere', '/sections/nope', '/tags/nope', '/authors/nope']) {
    const answer = await plain.goto(url);
    expect(answer?.status(), url).toBe(404);
    await expect(plain.getByRole('heading', { level: 1 }), url).toHaveText('Page not found');
    await expect(plain.locator('html'), url).toHaveAttribute('lang', 'en-GB');
    await expect(plain.locator('script[src]'), url).toHaveCount(0);
  }
  await noScript.close();
});

test('strange and unknown paths answer 404, never 500', async ({ request }) => {
  for (const url of [
    '/no/such/page',
    '/articles/UPPER-case',
    '/articles/%E2%80%A6%2F..%2F',
    '/articles/a--b',
    `/articles/${'x'.repeat(500)}`,
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
  }
});

test('pages carry security headers', async ({ request }) => {
  const response = await request.get('/');
  const headers = response.headers();
  // No nonce (pages are cached): the page's own inline scripts are named by hash (server/csp.ts).
  expect(headers['content-security-policy']).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
});
