import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childSitemapXml, rootSitemapXml, sitemapEntries, type SitemapArticle } from '../site/sitemap';
import { childSitemap, rootSitemap, type SitemapReader } from '../site/sitemap-pages';
import {
  articleRow,
  createSectionAuthorTag,
  createTestDatabase,
  type TestDatabase,
} from '../../tests/support/database';
import { testSite } from '../../tests/support/distribution';
import { sitemapReader } from './sitemap';

// The sliced sitemap reads against a real SQLite file, checked against the whole-list documents of
// sitemap.ts, with a small URL limit so a handful of rows splits into several child sitemaps.

const NOW = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const LIMIT = 4;
let db: TestDatabase;
const articles: SitemapArticle[] = [];

/** A reader that records which reads it was asked for. */
function recording(reader: SitemapReader) {
  const calls: string[] = [];
  const spy: SitemapReader = {
    counts: () => (calls.push('counts'), reader.counts()),
    listings: () => (calls.push('listings'), reader.listings()),
    articles: (window) => (calls.push(`articles ${window.skip}+${window.take}`), reader.articles(window)),
    latestChange: (window) => (calls.push(`latest ${window ? `${window.skip}+${window.take}` : 'all'}`), reader.latestChange(window)),
  };
  return { spy, calls };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await createSectionAuthorTag(db);
  // Eleven public articles, two sharing a publication time (the id orders them), one updated.
  for (let index = 0; index < 11; index++) {
    const publishedAt = new Date(NOW.getTime() - (20 - Math.min(index, 9)) * 60 * MINUTE);
    const updatedAt = index === 3 ? new Date(NOW.getTime() - 10 * MINUTE) : publishedAt;
    const row = await db.prisma.article.create({ data: articleRow(`story-${index}`, publishedAt, { updatedAt }) });
    await db.prisma.articleAuthor.create({ data: { articleId: row.id, authorId: 1 } });
    if (index % 2 === 0) await db.prisma.articleTag.create({ data: { articleId: row.id, tagId: 1 } });
    articles.push({
      slug: row.slug,
      publishedAt: publishedAt.toISOString(),
      publishedDateOnly: false,
      updatedAt: updatedAt.toISOString(),
      sectionSlug: 'world',
      authorSlugs: ['ada'],
      tagSlugs: index % 2 === 0 ? ['trade'] : [],
    });
  }
  await db.prisma.article.create({ data: articleRow('draft', NOW, { status: 'DRAFT', publishedAt: null }) });
  await db.prisma.article.create({ data: articleRow('scheduled', new Date(NOW.getTime() + MINUTE)) });
});

afterAll(async () => {
  await db.dispose();
});

// 4 listings (front page, section, author, tag) and 11 articles: 15 entries, 4 child sitemaps of 4.
const entries = () => sitemapEntries(articles, ['world'], NOW);

describe('sliced sitemaps', () => {
  it('serve the same documents as the whole list, page by page', async () => {
    const reader = sitemapReader(db.prisma, NOW);
    for (const page of [1, 2, 3, 4]) {
      expect(await childSitemap(reader, page, testSite, LIMIT)).toBe(childSitemapXml(entries(), page, testSite, LIMIT));
    }
    expect(await rootSitemap(reader, testSite, 100)).toBe(rootSitemapXml(entries(), testSite, 100));
  });

  it('read a page in chunks smaller than the page with the same result', async () => {
    for (const chunk of [1, 3]) {
      const reader = sitemapReader(db.prisma, NOW, chunk);
      for (const page of [1, 2, 3, 4]) {
        expect(await childSitemap(reader, page, testSite, LIMIT)).toBe(
          childSitemapXml(entries(), page, testSite, LIMIT),
        );
      }
      expect(await rootSitemap(reader, testSite, 100)).toBe(rootSitemapXml(entries(), testSite, 100));
    }
  });

  it('index the child sitemaps from counts and one MAX per child, reading no rows', async () => {
    const { spy, calls } = recording(sitemapReader(db.prisma, NOW));
    expect(await rootSitemap(spy, testSite, LIMIT)).toBe(rootSitemapXml(entries(), testSite, LIMIT));
    expect(calls.sort()).toEqual(['counts', 'latest 0+4', 'latest 4+4', 'latest 8+3', 'latest all']);
  });

  it('read only their own slice of the articles past the first page', async () => {
    const { spy, calls } = recording(sitemapReader(db.prisma, NOW));
    await childSitemap(spy, 3, testSite, LIMIT);
    expect(calls).toEqual(['counts', 'articles 4+4']);
  });

  it('answer an out-of-range page from the counts alone', async () => {
    const { spy, calls } = recording(sitemapReader(db.prisma, NOW));
    expect(await childSitemap(spy, 5, testSite, LIMIT)).toBeNull();
    expect(await childSitemap(spy, 424242, testSite, LIMIT)).toBeNull();
    expect(await childSitemap(spy, 1, testSite, 100)).toBeNull();
    expect(calls).toEqual(['counts', 'counts', 'counts']);
  });
});
