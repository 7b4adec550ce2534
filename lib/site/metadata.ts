import type { Metadata } from 'next';
import type { ArticleDetail } from '../data/types';
import { modifiedText, publishedText } from './dates';
import { describeArticle } from './describe';
import { absoluteUrl, LOGO, openGraphLocale, site } from './identity';
import { pageHref, paths, type FeedScope, type ListingKind } from './paths';
import { articleShareImage, siteShareImage, type ShareImage } from './share-image';

// Next metadata for each kind of page. Next merges metadata shallowly: a page that sets `openGraph`
// or `alternates` replaces the layout's whole object. So every helper here returns complete objects
// (site name, locale, image, the site feed) rather than relying on the layout's defaults.

export interface Listing {
  kind: ListingKind;
  slug: string;
  name: string;
}

type FeedLinks = NonNullable<NonNullable<Metadata['alternates']>['types']>;

/** <link rel="alternate"> for the site's feeds and, on a listing page, that listing's own feeds first. */
export function feedAlternates(listing?: Listing): FeedLinks {
  const scopes: { scope: FeedScope; title: string }[] = [
    ...(listing
      ? [{ scope: { kind: listing.kind, slug: listing.slug }, title: `${listing.name} | ${site.name}` }]
      : []),
    { scope: { kind: 'site' }, title: site.name },
  ];
  const links = (format: 'rss' | 'atom') =>
    scopes.map(({ scope, title }) => ({ url: absoluteUrl(paths.feed(scope, format)), title }));
  return { 'application/rss+xml': links('rss'), 'application/atom+xml': links('atom') };
}

function openGraphImage(image: ShareImage) {
  return { url: image.url, width: image.width, height: image.height, alt: image.alt };
}

const siteOpenGraph = {
  type: 'website' as const,
  siteName: site.name,
  locale: openGraphLocale(site.language),
  images: [openGraphImage(siteShareImage(site))],
};

/** Defaults for the root layout: what a page without metadata of its own (a 404) still carries. */
export const siteMetadata: Metadata = {
  metadataBase: new URL(site.url),
  description: site.description,
  // The logo doubles as the favicon, so browsers do not ask for a /favicon.ico the site lacks.
  icons: { icon: [{ url: LOGO.svgPath, type: 'image/svg+xml' }] },
  alternates: { types: feedAlternates() },
  openGraph: siteOpenGraph,
  // Twitter's title, description and image follow each page's Open Graph values (Next copies them).
  twitter: { card: 'summary_large_image' },
};

/**
 * Open Graph for a page that is not an article (front page, section, tag, author): its own URL on
 * top of the site's defaults. Title and description follow the page's own (Next fills them in).
 */
export function pageOpenGraph(path: string): NonNullable<Metadata['openGraph']> {
  return { ...siteOpenGraph, url: absoluteUrl(path) };
}

export const frontPageMetadata: Metadata = {
  alternates: { canonical: absoluteUrl(paths.home), types: feedAlternates() },
  openGraph: pageOpenGraph(paths.home),
};

export function articleMetadata(article: ArticleDetail): Metadata {
  const url = absoluteUrl(paths.article(article.slug));
  const description = describeArticle(article);
  return {
    title: article.headline,
    description,
    alternates: { canonical: url, types: feedAlternates() },
    openGraph: {
      ...siteOpenGraph,
      type: 'article',
      url,
      title: article.headline,
      description,
      images: [openGraphImage(articleShareImage(article, site))],
      publishedTime: publishedText(article),
      modifiedTime: modifiedText(article),
      section: article.section.name,
      tags: article.tags.map((tag) => tag.name),
      authors: article.authors.map((author) => absoluteUrl(paths.listing('author', author.slug))),
    },
  };
}

/** A section, tag or author page: its title (numbered past page 1), canonical URL and feeds. */
export function listingMetadata(listing: Listing, page: number, description: string): Metadata {
  const href = pageHref(paths.listing(listing.kind, listing.slug), page);
  return {
    title: page > 1 ? `${listing.name} (page ${page})` : listing.name,
    description,
    alternates: { canonical: href, types: feedAlternates(listing) },
    openGraph: pageOpenGraph(href),
  };
}
