import type { APIRequestContext } from '@playwright/test';
import { runSeed } from '../tests/support/e2e/content';
import { expect, test } from '../tests/support/e2e/editor';
import { parseXml, text } from '../tests/support/xml';

// What feed readers and crawlers fetch: feeds, sitemaps and robots.txt from the running production
// build, parsed with a real XML parser. Fixtures: e2e/fixtures/content/articles/distribution-*.md.

const HOSTILE = {
  slug: 'distribution-hostile-headline',
  headline: 'Fictional test: "Smith & Sons" <b>merger</b> </script> talks',
};
const HIDDEN = ['distribution-draft', 'distribution-scheduled'];

type Node = Record<string, unknown>;
const get = (node: unknown, key: string) => (node as Node)[key];
const list = (node: unknown, key: string) => (get(node, key) ?? []) as Node[];

function origin(): string {
  const url = process.env.SITE_URL;
  if (!url) throw new Error('SITE_URL is not set: run the end-to-end tests with `npm run test:e2e`.');
  return url;
}

async function fetchXml(request: APIRequestContext, url: string, contentType: RegExp) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type'], url).toMatch(contentType);
  return parseXml(await response.text());
}

const rssItems = (doc: Node) => list(get(get(doc, 'rss'), 'channel'), 'item');
const atomEntries = (doc: Node) => list(get(doc, 'feed'), 'entry');

test('the site RSS feed lists public articles with absolute links, never drafts or scheduled ones', async ({
  request,
}) => {
  const doc = await fetchXml(request, '/feed.xml', /^application\/rss\+xml/);
  const channel = get(get(doc, 'rss'), 'channel');
  expect(get(channel, 'title')).toEqual(expect.any(String));
  expect(get(channel, 'link')).toBe(`${origin()}/`);
  expect(get(channel, 'description')).toEqual(expect.stringMatching(/\S/));
  const items = rssItems(doc);
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(get(item, 'link')).toMatch(new RegExp(`^${origin()}/articles/[a-z0-9-]+$`));
    expect(text(get(item, 'guid'))).toMatch(/^tag:localhost,2026:article:[\w%.-]+$/);
    expect(new Date(String(get(item, 'pubDate'))).toUTCString()).toBe(get(item, 'pubDate'));
    expect(get(item, 'title')).toEqual(expect.stringMatching(/\S/));
  }
  const links = items.map((item) => String(get(item, 'link')));
  for (const slug of HIDDEN) expect(links).not.toContain(`${origin()}/articles/${slug}`);
  const hostile = items.find((item) => get(item, 'link') === `${origin()}/articles/${HOSTILE.slug}`);
  expect(get(hostile, 'title')).toBe(HOSTILE.headline);
  expect(list(hostile, 'category').map(text)).toEqual(['Business', 'Distribution fixture', 'Fish & Chips']);
  expect(get(hostile, 'dc:creator')).toEqual(['Tomas Lindqvist']);
});

test('the site Atom feed has the elements Atom requires', async ({ request }) => {
  const doc = await fetchXml(request, '/atom.xml', /^application\/atom\+xml/);
  const feed = get(doc, 'feed');
  expect(get(feed, 'id')).toBe(`${origin()}/`);
  expect(get(feed, 'title')).toEqual(expect.stringMatching(/\S/));
  expect(Date.parse(String(get(feed, 'updated')))).not.toBeNaN();
  const entries = atomEntries(doc);
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(get(entry, 'id')).toMatch(/^tag:localhost,2026:article:[\w%.-]+$/);
    expect(text(get(entry, 'title'))).toMatch(/\S/);
    expect(get(entry, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(get(list(entry, 'link')[0], '@href')).toMatch(new RegExp(`^${origin()}/articles/[a-z0-9-]+$`));
  }
  expect(entries.map((entry) => get(entry, 'id'))).not.toContain('tag:localhost,2026:article:distribution-draft');
});

test('sections, tags and authors have feeds of their own; unknown ones answer 404', async ({ request }) => {
  const section = await fetchXml(request, '/sections/business/feed.xml', /^application\/rss\+xml/);
  expect(rssItems(section).map((item) => get(item, 'link'))).toContain(`${origin()}/articles/${HOSTILE.slug}`);
  const tag = await fetchXml(request, '/tags/fish-chips/atom.xml', /^application\/atom\+xml/);
  expect(atomEntries(tag).map((entry) => get(entry, 'id'))).toEqual([`tag:localhost,2026:article:${HOSTILE.slug}`]);
  expect(get(get(tag, 'feed'), 'title')).toMatch(/^Fish & Chips \| /);
  const author = await fetchXml(request, '/authors/tomas-lindqvist/feed.xml', /^application\/rss\+xml/);
  expect(rssItems(author).map((item) => get(item, 'link'))).toContain(`${origin()}/articles/${HOSTILE.slug}`);

  for (const url of [
    '/sections/no-such-section/feed.xml',
    '/authors/no-such-author/atom.xml',
    '/tags/no-such-tag/feed.xml',
    // Tags carried only by a draft or a scheduled article are not public yet.
    '/tags/distribution-draft-only/feed.xml',
    '/tags/distribution-scheduled-only/atom.xml',
    '/sections/UPPER/feed.xml',
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});

test('the sitemap lists public pages with their last change, and robots.txt points at it', async ({ request }) => {
  const doc = await fetchXml(request, '/sitemap.xml', /^application\/xml/);
  const urls = list(get(doc, 'urlset'), 'url');
  const lastmod = new Map(urls.map((url) => [String(get(url, 'loc')), get(url, 'lastmod')]));
  expect(lastmod.has(`${origin()}/`)).toBe(true);
  expect(lastmod.has(`${origin()}/sections/business`)).toBe(true);
  expect(lastmod.has(`${origin()}/authors/tomas-lindqvist`)).toBe(true);
  expect(lastmod.has(`${origin()}/tags/fish-chips`)).toBe(true);
  expect(lastmod.get(`${origin()}/articles/${HOSTILE.slug}`)).toBe('2025-05-20T09:00:00.000Z');
  for (const slug of HIDDEN) expect(lastmod.has(`${origin()}/articles/${slug}`)).toBe(false);
  expect(lastmod.has(`${origin()}/tags/distribution-draft-only`)).toBe(false);
  // One file is enough for this site, so there are no child sitemaps.
  expect((await request.get('/sitemaps/1.xml')).status()).toBe(404);

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  const lines = (await robots.text()).split('\n');
  expect(lines).toContain(`Sitemap: ${origin()}/sitemap.xml`);
  expect(lines).toContain(`Sitemap: ${origin()}/news-sitemap.xml`);
});

// The article is left in place: the run's content folder is its own and thrown away afterwards, and
// removing it mid-run would turn links to it in pages other tests have open into 404s.
test('the news sitemap lists an article published an hour ago and none from last year', async ({
  request,
  editor,
}, testInfo) => {
  test.slow(); // the seed runs in a process of its own
  const slug = editor.key('fresh');
  const publishedAt = new Date(Date.now() - 60 * 60 * 1000);
  await editor.write(
    slug,
    {
      headline: `Fictional test: fresh news & more <${testInfo.workerIndex}>`,
      section: 'business',
      authors: ['tomas-lindqvist'],
      publishedAt: `${publishedAt.toISOString().slice(0, 19)}Z`,
    },
    { body: 'Fictional test content written by e2e/distribution-feeds.spec.ts.', keep: true },
  );
  await runSeed();
  // The cached sitemap gives way to the new one once the site notices the seed, within 5 s.
  const newsUrls = async () =>
    list(get(await fetchXml(request, '/news-sitemap.xml', /^application\/xml/), 'urlset'), 'url');
  const isFresh = (url: Node) => get(url, 'loc') === `${origin()}/articles/${slug}`;
  await expect.poll(async () => (await newsUrls()).some(isFresh), { timeout: 5_000, intervals: [250, 500] }).toBe(true);
  const urlset = get(await fetchXml(request, '/news-sitemap.xml', /^application\/xml/), 'urlset');
  expect(get(urlset, '@xmlns:news')).toBe('http://www.google.com/schemas/sitemap-news/0.9');
  const urls = list(urlset, 'url');
  const fresh = urls.find(isFresh);
  const news = get(fresh, 'news:news');
  expect(get(get(news, 'news:publication'), 'news:name')).toEqual(expect.stringMatching(/\S/));
  expect(get(get(news, 'news:publication'), 'news:language')).toMatch(/^[a-z]{2,3}(-[a-z]{2})?$/);
  expect(get(news, 'news:title')).toBe(`Fictional test: fresh news & more <${testInfo.workerIndex}>`);
  expect(Date.parse(String(get(news, 'news:publication_date')))).toBe(Math.floor(publishedAt.getTime() / 1000) * 1000);
  expect(urls.map((url) => get(url, 'loc'))).not.toContain(`${origin()}/articles/${HOSTILE.slug}`);
});
