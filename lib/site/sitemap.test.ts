import { describe, expect, it } from 'vitest';
import { parseXml, testSite } from '../../tests/support/distribution';
import {
  childSitemapXml,
  rootSitemapXml,
  sitemapEntries,
  sitemapPageCount,
  SITEMAP_URL_LIMIT,
  type SitemapArticle,
  type SitemapEntry,
} from './sitemap';

const NOW = new Date('2026-03-10T12:00:00Z');
type Node = Record<string, unknown>;
const get = (node: unknown, key: string) => (node as Node)[key];
const list = (node: unknown, key: string) => (get(node, key) ?? []) as Node[];
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function article(slug: string, fields: Partial<SitemapArticle> = {}): SitemapArticle {
  return {
    slug,
    publishedAt: '2026-03-01T09:00:00.000Z',
    publishedDateOnly: false,
    updatedAt: '2026-03-01T09:00:00.000Z',
    sectionSlug: 'world',
    authorSlugs: ['ada-byline'],
    tagSlugs: [],
    ...fields,
  };
}

describe('sitemapEntries', () => {
  const entries = sitemapEntries(
    [
      article('newer', {
        publishedAt: '2026-03-05T09:00:00.000Z',
        updatedAt: '2026-03-08T10:00:00.000Z',
        tagSlugs: ['trade'],
      }),
      article('older', { tagSlugs: ['trade', 'energy'], authorSlugs: [] }),
      article('scheduled', {
        publishedAt: '2026-03-10T12:00:01.000Z',
        tagSlugs: ['secret-plan'],
        authorSlugs: ['new-hire'],
      }),
    ],
    ['world', 'business'],
    NOW,
  );

  it('lists the front page, every section, the authors and tags in use, then articles oldest first', () => {
    expect(entries.map((entry) => entry.path)).toEqual([
      '/',
      '/sections/world',
      '/sections/business',
      '/authors/ada-byline',
      '/tags/energy',
      '/tags/trade',
      '/articles/older',
      '/articles/newer',
    ]);
  });

  it('dates each page by the latest change among its public articles', () => {
    const lastmod = Object.fromEntries(entries.map((entry) => [entry.path, entry.lastModified]));
    expect(lastmod['/articles/newer']).toBe('2026-03-08T10:00:00.000Z');
    expect(lastmod['/articles/older']).toBe('2026-03-01T09:00:00.000Z');
    expect(lastmod['/']).toBe('2026-03-08T10:00:00.000Z');
    expect(lastmod['/tags/energy']).toBe('2026-03-01T09:00:00.000Z');
    expect(lastmod['/sections/business']).toBeNull();
  });
});

describe('the sitemap document', () => {
  it('is one URL set with absolute locations while the site fits in one file', () => {
    const entries: SitemapEntry[] = [
      { path: '/', lastModified: '2026-03-08T10:00:00.000Z' },
      { path: '/sections/business', lastModified: null },
    ];
    const urlset = get(parseXml(rootSitemapXml(entries, testSite)), 'urlset');
    expect(get(urlset, '@xmlns')).toBe(NAMESPACE);
    expect(list(urlset, 'url')).toEqual([
      { loc: 'https://gazette.example/', lastmod: '2026-03-08T10:00:00.000Z' },
      { loc: 'https://gazette.example/sections/business' },
    ]);
    expect(childSitemapXml(entries, 1, testSite)).toBeNull();
  });

  it('splits one URL over the limit into an index of two child sitemaps at stable addresses', () => {
    const entries: SitemapEntry[] = Array.from({ length: SITEMAP_URL_LIMIT + 1 }, (_, index) => ({
      path: `/articles/story-${index}`,
      lastModified: new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString(),
    }));
    expect(sitemapPageCount(SITEMAP_URL_LIMIT)).toBe(0);
    expect(sitemapPageCount(entries.length)).toBe(2);

    const index = get(parseXml(rootSitemapXml(entries, testSite)), 'sitemapindex');
    expect(get(index, '@xmlns')).toBe(NAMESPACE);
    expect(list(index, 'sitemap')).toEqual([
      { loc: 'https://gazette.example/sitemaps/1.xml', lastmod: entries[SITEMAP_URL_LIMIT - 1]?.lastModified },
      { loc: 'https://gazette.example/sitemaps/2.xml', lastmod: entries[SITEMAP_URL_LIMIT]?.lastModified },
    ]);

    const first = list(get(parseXml(childSitemapXml(entries, 1, testSite) ?? ''), 'urlset'), 'url');
    const second = list(get(parseXml(childSitemapXml(entries, 2, testSite) ?? ''), 'urlset'), 'url');
    expect(first).toHaveLength(SITEMAP_URL_LIMIT);
    expect(first[0]).toEqual({ loc: 'https://gazette.example/articles/story-0', lastmod: entries[0]?.lastModified });
    expect(second).toEqual([
      {
        loc: `https://gazette.example/articles/story-${SITEMAP_URL_LIMIT}`,
        lastmod: entries[SITEMAP_URL_LIMIT]?.lastModified,
      },
    ]);
    expect(childSitemapXml(entries, 3, testSite)).toBeNull();
    expect(childSitemapXml(entries, 0, testSite)).toBeNull();
  });
});
