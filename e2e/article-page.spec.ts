import { runSeed } from '../tests/support/e2e/content';
import { expect, test } from '../tests/support/e2e/editor';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// The article page as a reader meets it, on the fictional e2e/fixtures/content/articles/
// fixture-article-complete.md: two authors, two topics, a lead image, a correction, ~660 words.

const ARTICLE = '/articles/fixture-article-complete';
const HEADLINE = 'Fixture article with every part a reader can see';

test('an article links its section, topics and authors, and shows times and reading time', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(ARTICLE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);

  await expect(page.locator('.article .kicker a')).toHaveAttribute('href', '/sections/world');
  const topics = page.getByRole('navigation', { name: 'Topics' }).getByRole('link');
  await expect(topics).toHaveText(['Fixture topic', 'Russia']);
  await expect(topics.first()).toHaveAttribute('href', '/tags/fixture-topic');
  await expect(page.locator('.byline a[rel="author"]')).toHaveText(['Amara Okafor', 'Tomas Lindqvist']);
  await expect(page.locator('.byline a').first()).toHaveAttribute('href', '/authors/amara-okafor');

  // 2025-06-01T08:30 in the newsroom's zone (Europe/London, BST) is 07:30 UTC.
  const published = page.locator('.dateline time').first();
  await expect(published).toHaveAttribute('datetime', '2025-06-01T07:30:00.000Z');
  await expect(published).toHaveText(/1 June 2025.*08:30/);
  await expect(page.locator('.dateline')).toContainText('3 min read');
  await expect(page.locator('.dateline .timestamp__recent')).toHaveCount(0);

  const image = page.locator('.lead-image img');
  await expect(image).toHaveAttribute('alt', /^The site's logo/);
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.locator('.lead-image figcaption')).toHaveText(
    'A fictional caption for the fixture picture. Illustration: The Daily Ledger',
  );
  await expect(page.locator('.corrections')).toContainText('A fictional correction');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/articles\/fixture-article-complete$/);
  expect(errors).toEqual([]);
});

test('related stories share a topic or the section, newest first, and never repeat the article', async ({ page }) => {
  await page.goto(ARTICLE);
  const related = page.getByRole('region', { name: 'Related stories' });
  const links = related.locator('.story__headline a');
  expect(await links.count()).toBeGreaterThan(0);
  expect(await links.count()).toBeLessThanOrEqual(4);
  const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
  expect(hrefs).not.toContain(ARTICLE);
  const times = await related
    .locator('time')
    .evaluateAll((nodes) => nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  // Each related story is in World or carries "Fixture topic" or "Russia".
  for (const href of hrefs) {
    await page.goto(href ?? '');
    const section = await page.locator('.article .kicker a').getAttribute('href');
    const tags = await page.getByRole('navigation', { name: 'Topics' }).getByRole('link').allTextContents();
    expect(section === '/sections/world' || tags.includes('Russia') || tags.includes('Fixture topic'), href ?? '').toBe(
      true,
    );
  }
});

test('a topic link leads to the topic page listing the article', async ({ page }) => {
  await page.goto(ARTICLE);
  await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'Fixture topic' }).click();
  await expect(page).toHaveURL('/tags/fixture-topic');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fixture topic');
  await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
});

test('a recent story says how long ago it was published, worked out in the browser', async ({
  page,
  browser,
  editor,
}) => {
  // Two real seed runs (add the story, then withdraw it) take most of this test's time.
  test.setTimeout(90_000);
  const key = editor.key('recent');
  const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await editor.write(key, { headline: 'Fixture story published three hours ago', publishedAt: threeHoursAgo });
  try {
    await runSeed();
    const errors = collectPageErrors(page);
    await page.goto(`/articles/${key}`);
    await expect(page.locator('.dateline time').first()).toHaveAttribute(
      'datetime',
      new Date(threeHoursAgo).toISOString(),
    );
    await expect(page.locator('.dateline .timestamp__recent')).toHaveText('(3 hours ago)');
    // A link loads the next page whole (pages carry no client runtime: decision 007), and that
    // page's own script fills its dates.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator('.site-title').click();
    await expect(page).toHaveURL('/');
    const card = page.locator('article.story', {
      has: page.getByRole('link', { name: 'Fixture story published three hours ago' }),
    });
    await expect(card.locator('.timestamp__recent')).toHaveText('(3 hours ago)');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(false);
    expect(errors).toEqual([]);
    // Without JavaScript the (cached) page still gives the date and time, and no stale "ago".
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`/articles/${key}`);
    await expect(plain.locator('.dateline time').first()).toHaveText(/\d{4}/);
    await expect(plain.locator('.dateline .timestamp__recent')).toHaveCount(0);
    await noScript.close();
  } finally {
    await editor.remove(key);
    await runSeed();
  }
});

test('an article prints without navigation, search, topics, footer or related stories', async ({ page }) => {
  await page.goto(ARTICLE);
  await page.emulateMedia({ media: 'print' });
  for (const selector of [
    '.section-nav',
    '.site-header .search-form',
    '.tag-list',
    '.site-footer',
    '.related',
    '.skip-link',
  ]) {
    await expect(page.locator(selector), selector).toBeHidden();
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.article__body')).toBeVisible();
  await expect(page.locator('.lead-image img')).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the article reads in full and its links work', async ({ page }) => {
    await page.goto(ARTICLE);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await expect(page.locator('.article__body p')).toHaveCount(26);
    await expect(page.locator('.lead-image img')).toBeVisible();
    await page.locator('.byline').getByRole('link', { name: 'Tomas Lindqvist' }).click();
    await expect(page).toHaveURL('/authors/tomas-lindqvist');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tomas Lindqvist');
  });
});
