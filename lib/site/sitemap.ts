import { latest, modifiedAt, modifiedText } from './dates';
import { absoluteUrl, type SiteIdentity } from './identity';
import { paths, type ListingKind } from './paths';
import { escapeXml, XML_DECLARATION } from './xml';

// The sitemap (sitemaps.org 0.9) from plain data. /sitemap.xml is the URL set itself while the site
// fits in one file of SITEMAP_URL_LIMIT URLs; past that it becomes an index of /sitemaps/1.xml,
// 2.xml...
// Entries keep a fixed order (front page, sections, authors, tags, then articles oldest first) so a
// child sitemap's URL keeps listing the same pages as the site grows.

// Far below the protocol's 50,000, on purpose. A new story changes only the last child, so a crawler
// that honours <lastmod> reads about 110 KB again, not 5.6 MB; each child is cheap to render and to
// keep compressed in the response cache (a 50,000-URL child took 5 s and left the server 570 MiB
// resident at 100,000 articles: docs/performance.md). 100,000 articles make an index of 101 entries.
export const SITEMAP_URL_LIMIT = 1_000;
export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapEntry {
  path: string;
  /** ISO date; null when the page has no dated content (a section with no articles yet). */
  lastModified: string | null;
}

export interface SitemapArticle {
  slug: string;
  publishedAt: string;
  publishedDateOnly: boolean;
  updatedAt: string;
  sectionSlug: string;
  authorSlugs: string[];
  tagSlugs: string[];
}

/**
 * Every public page with its last change. Sections are listed even when empty (they are in the
 * navigation); tags and authors only through public articles, so a draft never reveals a name.
 */
export function sitemapEntries(articles: SitemapArticle[], sectionSlugs: string[], now: Date): SitemapEntry[] {
  const visible = articles
    .filter((article) => Date.parse(article.publishedAt) <= now.getTime())
    .sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  const lastChange: Record<ListingKind, Map<string, string[]>> = {
    section: new Map(),
    author: new Map(),
    tag: new Map(),
  };
  const note = (kind: ListingKind, slug: string, date: string) => {
    const dates = lastChange[kind].get(slug) ?? [];
    dates.push(date);
    lastChange[kind].set(slug, dates);
  };
  for (const article of visible) {
    const date = modifiedAt(article);
    note('section', article.sectionSlug, date);
    for (const slug of article.authorSlugs) note('author', slug, date);
    for (const slug of article.tagSlugs) note('tag', slug, date);
  }
  const listing = (kind: ListingKind, slugs: Iterable<string>): SitemapEntry[] =>
    [...slugs].map((slug) => ({
      path: paths.listing(kind, slug),
      lastModified: latest(lastChange[kind].get(slug) ?? []),
    }));
  const byName = (map: Map<string, string[]>) => [...map.keys()].sort();
  return [
    { path: paths.home, lastModified: latest(visible.map(modifiedAt)) },
    ...listing('section', sectionSlugs),
    ...listing('author', byName(lastChange.author)),
    ...listing('tag', byName(lastChange.tag)),
    ...visible.map((article) => ({ path: paths.article(article.slug), lastModified: modifiedText(article) })),
  ];
}

/** How many child sitemaps the entries need; 0 means /sitemap.xml is the URL set itself. */
export function sitemapPageCount(entryCount: number, limit = SITEMAP_URL_LIMIT): number {
  return entryCount <= limit ? 0 : Math.ceil(entryCount / limit);
}

/**
 * What /sitemap.xml serves, from every entry: the URL set, or an index of the child sitemaps once past
 * the limit. The site itself reads only what each document needs (sitemap-pages.ts); this whole-list
 * form defines the same documents for tests.
 */
export function rootSitemapXml(entries: SitemapEntry[], site: SiteIdentity, limit = SITEMAP_URL_LIMIT): string {
  const pages = sitemapPageCount(entries.length, limit);
  if (pages === 0) return urlsetXml(entries, site);
  return sitemapIndexXml(
    Array.from({ length: pages }, (_, index) => ({
      page: index + 1,
      lastModified: latest(pageEntries(entries, index + 1, limit).flatMap((entry) => entry.lastModified ?? [])),
    })),
    site,
  );
}

/** What /sitemaps/{page}.xml serves, or null when there is no such page (including when unsplit). */
export function childSitemapXml(
  entries: SitemapEntry[],
  page: number,
  site: SiteIdentity,
  limit = SITEMAP_URL_LIMIT,
): string | null {
  if (!Number.isInteger(page) || page < 1 || page > sitemapPageCount(entries.length, limit)) return null;
  return urlsetXml(pageEntries(entries, page, limit), site);
}

function pageEntries(entries: SitemapEntry[], page: number, limit: number): SitemapEntry[] {
  return entries.slice((page - 1) * limit, page * limit);
}

export function sitemapIndexXml(children: { page: number; lastModified: string | null }[], site: SiteIdentity): string {
  return document(
    'sitemapindex',
    children.map(({ page, lastModified }) => element('sitemap', { path: paths.sitemapPage(page), lastModified }, site)),
  );
}

export function urlsetXml(entries: SitemapEntry[], site: SiteIdentity): string {
  return document(
    'urlset',
    entries.map((entry) => element('url', entry, site)),
  );
}

function element(name: 'url' | 'sitemap', { path, lastModified }: SitemapEntry, site: SiteIdentity): string {
  const lastmod = lastModified ? `<lastmod>${escapeXml(lastModified)}</lastmod>` : '';
  return `<${name}><loc>${escapeXml(absoluteUrl(path, site.url))}</loc>${lastmod}</${name}>`;
}

function document(root: 'urlset' | 'sitemapindex', children: string[]): string {
  return `${XML_DECLARATION}\n<${root} xmlns="${NAMESPACE}">\n${children.join('\n')}\n</${root}>\n`;
}
