import { Feed, type Category, type Item } from 'feed';
import type { ArticleDetail } from '../data/types';
import { modifiedAt, latest } from './dates';
import { describeArticle } from './describe';
import { absoluteUrl, type SiteIdentity } from './identity';
import { paths, type FeedFormat, type FeedScope } from './paths';
import { escapeXml } from './xml';

// RSS 2.0 and Atom 1.0 documents from plain article data, built with the `feed` library. Pure: the
// caller passes the articles, the site and "now", so tests can build any feed at any moment.

export const FEED_SIZE = 30;

export const FEED_CONTENT_TYPE: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

export interface FeedChannel {
  scope: FeedScope;
  /** The section, tag or author the feed follows; null for the whole site. */
  subject: { name: string; description: string | null } | null;
}

export function feedTitle({ subject }: FeedChannel, site: SiteIdentity): string {
  return subject ? `${subject.name} | ${site.name}` : site.name;
}

export function buildFeed(
  format: FeedFormat,
  channel: FeedChannel,
  articles: ArticleDetail[],
  site: SiteIdentity,
  now: Date,
): string {
  const url = (path: string) => absoluteUrl(path, site.url);
  // The data layer only hands over public articles; "now" still decides, so a feed built for a
  // moment never shows what was scheduled after it.
  const visible = articles.filter((article) => Date.parse(article.publishedAt) <= now.getTime());
  const updated = latest(visible.map(modifiedAt));
  const feed = new Feed({
    id: url(paths.feedPage(channel.scope)),
    title: feedTitle(channel, site),
    description:
      channel.subject?.description ??
      (channel.subject ? `The latest from ${site.name}: ${channel.subject.name}.` : site.description),
    link: url(paths.feedPage(channel.scope)),
    feedLinks: { rss: url(paths.feed(channel.scope, 'rss')), atom: url(paths.feed(channel.scope, 'atom')) },
    language: site.language,
    image: url(site.logo.path),
    updated: updated ? new Date(updated) : now,
    copyright: `© ${now.getUTCFullYear()} ${site.name}`,
    // The entries of an unsigned article need an author in Atom; the site is the author of last resort.
    author: { name: site.name, link: site.url },
    generator: false,
  });
  for (const article of visible) feed.addItem(format === 'rss' ? rssItem(article, site) : atomItem(article, site));
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

/**
 * An entry's permanent id (RFC 4151 tag URI) from the article's key, not its URL: a slug change must
 * not make feed readers show the article again as new. The year is when these ids were first
 * minted, part of the id itself: never change it.
 */
export function entryId(article: Pick<ArticleDetail, 'key'>, site: SiteIdentity): string {
  return `tag:${new URL(site.url).hostname},2026:article:${encodeURIComponent(article.key)}`;
}

function commonItem(article: ArticleDetail, site: SiteIdentity): Item {
  return {
    id: entryId(article, site),
    title: article.headline,
    link: absoluteUrl(paths.article(article.slug), site.url),
    date: new Date(modifiedAt(article)),
    published: new Date(article.publishedAt),
    // Both formats carry these as HTML, so plain text is escaped first.
    description: escapeXml(describeArticle(article)),
    content: feedHtml(article.bodyHtml, site),
  };
}

function rssItem(article: ArticleDetail, site: SiteIdentity): Item {
  const item = commonItem(article, site);
  return {
    ...item,
    category: categories(article, site).map(({ name, domain }) => ({ name, domain })),
    // RSS's <author> must be an e-mail address; names go in dc:creator. The library declares the dc
    // namespace only for feeds with content:encoded, so the element is added only alongside content.
    extensions:
      item.content && article.authors.length > 0
        ? [{ name: 'dc:creator', objects: { _text: article.authors.map((author) => author.name).join(', ') } }]
        : undefined,
  };
}

function atomItem(article: ArticleDetail, site: SiteIdentity): Item {
  return {
    ...commonItem(article, site),
    // Atom titles are written as type="html": escaped, so "<" in a headline is shown, not parsed.
    title: escapeXml(article.headline),
    author: article.authors.map((author) => ({
      name: author.name,
      link: absoluteUrl(paths.listing('author', author.slug), site.url),
    })),
    // The library escapes "&" but not "<" in attributes; a label that would break the XML is left out
    // (the term, a slug, still names the category).
    category: categories(article, site).map(({ name, term, scheme }) => ({
      name: name.includes('<') ? undefined : name,
      term,
      scheme,
    })),
  };
}

function categories(article: ArticleDetail, site: SiteIdentity): (Category & { name: string })[] {
  const sectionScheme = absoluteUrl(paths.listingRoot('section'), site.url);
  const tagScheme = absoluteUrl(paths.listingRoot('tag'), site.url);
  return [
    { name: article.section.name, term: article.section.slug, scheme: sectionScheme, domain: sectionScheme },
    ...article.tags.map((tag) => ({ name: tag.name, term: tag.slug, scheme: tagScheme, domain: tagScheme })),
  ];
}

/**
 * The article body for a feed reader, which has no page to resolve relative links against: site paths
 * become absolute URLs. "]]>" would end the CDATA section the body travels in; "]]&gt;" reads the same.
 */
export function feedHtml(bodyHtml: string, site: SiteIdentity): string {
  return bodyHtml.replace(/(\s(?:href|src))="\/(?!\/)/g, `$1="${site.url}/`).replaceAll(']]>', ']]&gt;');
}
