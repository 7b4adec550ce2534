import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../generated/prisma/client';
import { buildFeed } from '../site/feeds';
import { NEWS_WINDOW_MS, newsSitemapXml } from '../site/news-sitemap';
import { rootSitemapXml, sitemapEntries } from '../site/sitemap';
import { articleRow, createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { HOSTILE_HEADLINE, parseXml, testSite } from '../../tests/support/distribution';
import { findFeed, findNewsArticles, findSitemapData } from './distribution';

// Feeds and sitemaps against a real migrated SQLite file: only public articles, at the given moment.

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
let db: TestDatabase;

async function addArticle(slug: string, fields: Partial<Prisma.ArticleUncheckedCreateInput> = {}, tagIds: number[] = [], authorIds: number[] = []) {
  const article = await db.prisma.article.create({
    data: articleRow(slug, ago(HOUR), { standfirst: `Standfirst of ${slug}.`, ...fields }),
  });
  await db.prisma.articleTag.createMany({ data: tagIds.map((tagId) => ({ articleId: article.id, tagId })) });
  await db.prisma.articleAuthor.createMany({ data: authorIds.map((authorId, position) => ({ articleId: article.id, authorId, position })) });
  return article;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.section.createMany({
    data: [
      { id: 1, slug: 'world', name: 'World', description: 'News from everywhere.', position: 0 },
      { id: 2, slug: 'business', name: 'Business', position: 1 },
    ],
  });
  await db.prisma.author.createMany({
    data: [
      { id: 1, slug: 'ada-byline', name: 'Ada Byline' },
      { id: 2, slug: 'drafty-writer', name: 'Drafty Writer' },
    ],
  });
  await db.prisma.tag.createMany({
    data: [
      { id: 1, slug: 'diplomacy', name: 'Diplomacy' },
      { id: 2, slug: 'secret-merger', name: 'Secret merger' },
      { id: 3, slug: 'launch-day', name: 'Launch day' },
    ],
  });
  await addArticle('hostile-headline', { headline: HOSTILE_HEADLINE, publishedAt: ago(2 * HOUR), updatedAt: ago(HOUR) }, [1], [1]);
  await addArticle('exactly-two-days', { publishedAt: ago(NEWS_WINDOW_MS), updatedAt: ago(NEWS_WINDOW_MS) }, [1]);
  await addArticle('two-days-and-a-moment', { publishedAt: ago(NEWS_WINDOW_MS + 1), updatedAt: ago(NEWS_WINDOW_MS + 1) });
  await addArticle('business-story', { sectionId: 2, publishedAt: ago(10 * 24 * HOUR), updatedAt: ago(10 * 24 * HOUR) });
  await addArticle('a-draft', { status: 'DRAFT', sectionId: 2 }, [2], [2]);
  await addArticle('withdrawn', { status: 'UNPUBLISHED' }, [2]);
  await addArticle('scheduled', { publishedAt: new Date(NOW.getTime() + HOUR), updatedAt: ago(HOUR) }, [3], [2]);
});

afterAll(async () => {
  await db.dispose();
});

const slugs = (articles: { slug: string }[]) => articles.map((article) => article.slug);

describe('findFeed', () => {
  it('gives the whole site newest first, without drafts, withdrawn or scheduled articles', async () => {
    const feed = await findFeed(db.prisma, NOW, { kind: 'site' }, 30);
    expect(feed?.channel.subject).toBeNull();
    expect(slugs(feed?.articles ?? [])).toEqual(['hostile-headline', 'exactly-two-days', 'two-days-and-a-moment', 'business-story']);
  });

  it('follows a section, a tag or an author', async () => {
    const section = await findFeed(db.prisma, NOW, { kind: 'section', slug: 'business' }, 30);
    expect(section?.channel.subject).toEqual({ name: 'Business', description: null });
    expect(slugs(section?.articles ?? [])).toEqual(['business-story']);
    expect(slugs((await findFeed(db.prisma, NOW, { kind: 'tag', slug: 'diplomacy' }, 30))?.articles ?? [])).toEqual([
      'hostile-headline',
      'exactly-two-days',
    ]);
    expect(slugs((await findFeed(db.prisma, NOW, { kind: 'author', slug: 'ada-byline' }, 30))?.articles ?? [])).toEqual(['hostile-headline']);
  });

  it('knows no unknown listing, and no tag that only drafts or scheduled articles carry', async () => {
    expect(await findFeed(db.prisma, NOW, { kind: 'section', slug: 'sport' }, 30)).toBeNull();
    expect(await findFeed(db.prisma, NOW, { kind: 'author', slug: 'nobody' }, 30)).toBeNull();
    expect(await findFeed(db.prisma, NOW, { kind: 'tag', slug: 'secret-merger' }, 30)).toBeNull();
    expect(await findFeed(db.prisma, NOW, { kind: 'tag', slug: 'launch-day' }, 30)).toBeNull();
    const later = new Date(NOW.getTime() + HOUR);
    expect(slugs((await findFeed(db.prisma, later, { kind: 'tag', slug: 'launch-day' }, 30))?.articles ?? [])).toEqual(['scheduled']);
  });

  it('round-trips a hostile headline through the RSS document', async () => {
    const feed = await findFeed(db.prisma, NOW, { kind: 'site' }, 1);
    if (!feed) throw new Error('no site feed');
    const doc = parseXml(buildFeed('rss', feed.channel, feed.articles, testSite, NOW)) as { rss: { channel: { item: { title: string }[] } } };
    expect(doc.rss.channel.item.map((item) => item.title)).toEqual([HOSTILE_HEADLINE]);
  });
});

describe('findSitemapData', () => {
  it('lists public pages only: no draft tag, no author of drafts alone, no scheduled article', async () => {
    const data = await findSitemapData(db.prisma, NOW);
    const urlset = parseXml(rootSitemapXml(sitemapEntries(data.articles, data.sectionSlugs, NOW), testSite)) as {
      urlset: { url: { loc: string; lastmod?: string }[] };
    };
    expect(urlset.urlset.url.map((url) => url.loc.replace(testSite.url, ''))).toEqual([
      '/',
      '/sections/world',
      '/sections/business',
      '/authors/ada-byline',
      '/tags/diplomacy',
      '/articles/business-story',
      '/articles/two-days-and-a-moment',
      '/articles/exactly-two-days',
      '/articles/hostile-headline',
    ]);
    const hostile = urlset.urlset.url.find((url) => url.loc.endsWith('/articles/hostile-headline'));
    expect(hostile?.lastmod).toBe(ago(HOUR).toISOString());
  });
});

describe('findNewsArticles', () => {
  it('takes the articles of the last 48 hours, the boundary included', async () => {
    const articles = await findNewsArticles(db.prisma, NOW);
    expect(slugs(articles)).toEqual(['hostile-headline', 'exactly-two-days']);
    const doc = parseXml(newsSitemapXml(articles, testSite, NOW)) as { urlset: { url: { 'news:news': { 'news:title': string } }[] } };
    expect(doc.urlset.url[0]?.['news:news']['news:title']).toBe(HOSTILE_HEADLINE);
  });

  it('drops the boundary article a millisecond later', async () => {
    const later = new Date(NOW.getTime() + 1);
    expect(slugs(await findNewsArticles(db.prisma, later))).toEqual(['hostile-headline']);
  });
});
