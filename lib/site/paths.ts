// Every public URL path, in one place, so a page, a feed and a sitemap can never spell the same
// address two ways.

export type ListingKind = 'section' | 'tag' | 'author';
export type FeedScope = { kind: 'site' } | { kind: ListingKind; slug: string };
export type FeedFormat = 'rss' | 'atom';

export const paths = {
  home: '/',
  search: '/search',
  article: (slug: string) => `/articles/${slug}`,
  /** The generated share image of an article without a lead image (app/articles/[slug]/card.png). */
  articleCard: (slug: string) => `/articles/${slug}/card.png`,
  /** The site's own share image, for pages that have none of their own (app/card.png). */
  siteCard: '/card.png',
  /** The folder every section, tag or author page sits under; feeds name it as a category scheme. */
  listingRoot: (kind: ListingKind) => `/${kind}s/`,
  listing: (kind: ListingKind, slug: string) => `${paths.listingRoot(kind)}${slug}`,
  section: (slug: string) => paths.listing('section', slug),
  tag: (slug: string) => paths.listing('tag', slug),
  author: (slug: string) => paths.listing('author', slug),
  sitemap: '/sitemap.xml',
  /** A child sitemap, numbered from 1, once the site needs a sitemap index. */
  sitemapPage: (page: number) => `/sitemaps/${page}.xml`,
  newsSitemap: '/news-sitemap.xml',
  feed(scope: FeedScope, format: FeedFormat): string {
    const file = format === 'rss' ? 'feed.xml' : 'atom.xml';
    return scope.kind === 'site' ? `/${file}` : `${paths.listing(scope.kind, scope.slug)}/${file}`;
  },
  /** The HTML page a feed mirrors. */
  feedPage: (scope: FeedScope) => (scope.kind === 'site' ? '/' : paths.listing(scope.kind, scope.slug)),
};

/** The URL of one page of a list: page 1 is the list's own address, so it has one canonical URL. */
export function pageHref(path: string, page: number, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
