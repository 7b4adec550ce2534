import type { SiteIdentity } from './identity';
import { SITEMAP_URL_LIMIT, sitemapIndexXml, sitemapPageCount, urlsetXml, type SitemapEntry } from './sitemap';

// Sitemaps built from a slice of the archive at a time. The entries keep the order sitemap.ts
// defines (listings first, then articles oldest first), so entry i of the whole sitemap is either
// listing i or article i - listings. A child sitemap therefore needs two counts and its own rows; an
// out-of-range one costs only the counts; the index costs the counts and one MAX per child.

export interface SitemapCounts {
  /** The front page, every section, and the authors and tags of public articles. */
  listings: number;
  /** Public articles. */
  articles: number;
}

/** Rows [skip, skip + take) of a list in its sitemap order. */
export interface Window {
  skip: number;
  take: number;
}

/** The reads a sitemap needs, over the public content at one moment (lib/data/sitemap.ts). */
export interface SitemapReader {
  counts(): Promise<SitemapCounts>;
  /** Every listing entry, front page first. */
  listings(): Promise<SitemapEntry[]>;
  articles(window: Window): Promise<SitemapEntry[]>;
  /** The latest change among these articles (all of them when window is null). */
  latestChange(window: Window | null): Promise<string | null>;
}

/** Which listings and articles the entries [start, end) of the whole sitemap are. */
export function sliceWindows(
  counts: SitemapCounts,
  start: number,
  end: number,
): { listings: Window; articles: Window } {
  const listingEnd = Math.min(end, counts.listings);
  const articleStart = Math.max(start, counts.listings) - counts.listings;
  const articleEnd = Math.min(end - counts.listings, counts.articles);
  return {
    listings: { skip: Math.min(start, counts.listings), take: Math.max(0, listingEnd - start) },
    articles: { skip: articleStart, take: Math.max(0, articleEnd - articleStart) },
  };
}

async function readSlice(reader: SitemapReader, counts: SitemapCounts, start: number, end: number) {
  const windows = sliceWindows(counts, start, end);
  const [listings, articles] = await Promise.all([
    windows.listings.take > 0 ? reader.listings() : [],
    windows.articles.take > 0 ? reader.articles(windows.articles) : [],
  ]);
  const { skip, take } = windows.listings;
  return [...listings.slice(skip, skip + take), ...articles];
}

/** What /sitemap.xml serves: the URL set while it fits in one file, else the index of child sitemaps. */
export async function rootSitemap(
  reader: SitemapReader,
  site: SiteIdentity,
  limit = SITEMAP_URL_LIMIT,
): Promise<string> {
  const counts = await reader.counts();
  const total = counts.listings + counts.articles;
  const pages = sitemapPageCount(total, limit);
  if (pages === 0) return urlsetXml(await readSlice(reader, counts, 0, total), site);
  // One child at a time: the reader lets other requests in between its reads (lib/data/sitemap.ts),
  // which reads started all at once would not leave room for.
  const children = [];
  for (let index = 0; index < pages; index += 1) {
    const { listings, articles } = sliceWindows(counts, index * limit, (index + 1) * limit);
    // The front page, first of the listings, changes with any article, so a page holding listings
    // changed when the archive last did.
    const lastModified = await reader.latestChange(listings.take > 0 ? null : articles);
    children.push({ page: index + 1, lastModified });
  }
  return sitemapIndexXml(children, site);
}

/** What /sitemaps/{page}.xml serves, or null when there is no such page (including when unsplit). */
export async function childSitemap(
  reader: SitemapReader,
  page: number,
  site: SiteIdentity,
  limit = SITEMAP_URL_LIMIT,
): Promise<string | null> {
  if (!Number.isInteger(page) || page < 1) return null;
  const counts = await reader.counts();
  if (page > sitemapPageCount(counts.listings + counts.articles, limit)) return null;
  return urlsetXml(await readSlice(reader, counts, (page - 1) * limit, page * limit), site);
}
