import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// What search engines and social networks read from pages: canonical URLs, Open Graph and Twitter
// tags, feed links, robots directives and JSON-LD, checked in a real browser against what the page shows.

const HOSTILE = {
  slug: 'distribution-hostile-headline',
  headline: 'Fictional test: "Smith & Sons" <b>merger</b> </script> talks',
};

function origin(): string {
  const url = process.env.SITE_URL;
  if (!url) throw new Error('SITE_URL is not set: run the end-to-end tests with `npm run test:e2e`.');
  return url;
}

const meta = (page: Page, key: string) =>
  page.locator(`head meta[property="${key}"], head meta[name="${key}"]`).first();

async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((block) => JSON.parse(block) as Record<string, unknown>);
}

/** Canonical, og:url, og:title, og:image and the Twitter card every public page carries. */
async function expectSharingTags(page: Page, path: string) {
  // Compared as URLs: Next writes the front page's address without its trailing slash.
  const url = new URL(path, origin()).toString();
  const canonical = await page.locator('head link[rel="canonical"]').getAttribute('href');
  expect(new URL(canonical ?? '').toString()).toBe(url);
  expect(new URL((await meta(page, 'og:url').getAttribute('content')) ?? '').toString()).toBe(url);
  await expect(meta(page, 'og:title')).toHaveAttribute('content', /\S/);
  await expect(meta(page, 'og:image')).toHaveAttribute('content', new RegExp(`^${origin()}/`));
  await expect(meta(page, 'twitter:card')).toHaveAttribute('content', 'summary_large_image');
  await expect(page.locator('head meta[name="robots"]')).toHaveCount(0);
}

test('an article page carries NewsArticle and BreadcrumbList JSON-LD that match what it shows', async ({
  page,
  request,
}) => {
  const errors = collectPageErrors(page);
  const response = await page.goto(`/articles/${HOSTILE.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSTILE.headline);
  await expectSharingTags(page, `/articles/${HOSTILE.slug}`);

  const published = await page.locator('.dateline time').first().getAttribute('datetime');
  const times = await page
    .locator('.dateline time')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')));
  const blocks = await jsonLd(page);
  expect(blocks.map((block) => block['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
  const [article, breadcrumbs] = blocks;
  const url = `${origin()}/articles/${HOSTILE.slug}`;
  expect(article).toMatchObject({
    '@context': 'https://schema.org',
    headline: HOSTILE.headline,
    description: await meta(page, 'description').getAttribute('content'),
    datePublished: published,
    // The page shows an update only when there was one; otherwise the article last changed when it appeared.
    dateModified: times.at(-1),
    mainEntityOfPage: { '@id': url },
    image: [{ url: `${url}/card.png` }],
    author: [{ '@type': 'Person', name: 'Tomas Lindqvist', url: `${origin()}/authors/tomas-lindqvist` }],
    publisher: { '@type': 'NewsMediaOrganization', logo: { url: `${origin()}/logo.png` } },
    articleSection: 'Business',
    keywords: ['Distribution fixture', 'Fish & Chips'],
  });
  expect(breadcrumbs?.itemListElement).toEqual([
    expect.objectContaining({ position: 1, item: `${origin()}/` }),
    expect.objectContaining({ position: 2, name: 'Business', item: `${origin()}/sections/business` }),
    expect.objectContaining({ position: 3, name: HOSTILE.headline, item: url }),
  ]);

  await expect(meta(page, 'og:type')).toHaveAttribute('content', 'article');
  await expect(meta(page, 'og:title')).toHaveAttribute('content', HOSTILE.headline);
  await expect(meta(page, 'article:published_time')).toHaveAttribute('content', published ?? '');
  await expect(meta(page, 'og:image')).toHaveAttribute('content', `${url}/card.png`);
  await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]').first()).toHaveAttribute(
    'href',
    `${origin()}/feed.xml`,
  );

  for (const image of [`/articles/${HOSTILE.slug}/card.png`, '/logo.png', '/card.png']) {
    const fetched = await request.get(image);
    expect(fetched.status(), image).toBe(200);
    expect(fetched.headers()['content-type'], image).toBe('image/png');
    expect((await fetched.body()).subarray(1, 4).toString(), image).toBe('PNG');
  }
  expect((await request.get('/articles/no-such-story/card.png')).status()).toBe(404);
  expect(errors).toEqual([]);
});

test('an article with a lead image shares that image', async ({ page }) => {
  await page.goto('/articles/fixture-article-complete');
  await expect(meta(page, 'og:image')).toHaveAttribute('content', `${origin()}/logo.svg`);
  const [article] = await jsonLd(page);
  expect(article?.image).toEqual([{ '@type': 'ImageObject', url: `${origin()}/logo.svg`, width: 512, height: 512 }]);
});

test('the front page offers the site search to search engines and advertises the feeds', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expectSharingTags(page, '/');
  const [website] = await jsonLd(page);
  expect(website).toMatchObject({
    '@type': 'WebSite',
    url: `${origin()}/`,
    potentialAction: {
      '@type': 'SearchAction',
      target: { urlTemplate: `${origin()}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  });
  await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    'href',
    `${origin()}/feed.xml`,
  );
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    'href',
    `${origin()}/atom.xml`,
  );
  expect(errors).toEqual([]);
});

for (const [path, feed] of [
  ['/sections/business', '/sections/business/feed.xml'],
  ['/tags/fish-chips', '/tags/fish-chips/feed.xml'],
  ['/authors/tomas-lindqvist', '/authors/tomas-lindqvist/feed.xml'],
] as const) {
  test(`${path} advertises its own feed and carries sharing tags`, async ({ page, request }) => {
    await page.goto(path);
    await expectSharingTags(page, path);
    const feeds = page.locator('head link[rel="alternate"][type="application/rss+xml"]');
    await expect(feeds.first()).toHaveAttribute('href', `${origin()}${feed}`);
    await expect(feeds.nth(1)).toHaveAttribute('href', `${origin()}/feed.xml`);
    expect((await request.get(feed)).status()).toBe(200);
  });
}

test('pages that are not content tell search engines not to index them', async ({ page }) => {
  const missing = await page.goto('/articles/no-such-story-anywhere');
  expect(missing?.status()).toBe(404);
  await expect(page.locator('meta[name="robots"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(0);

  await page.goto('/search?q=fictional');
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});
