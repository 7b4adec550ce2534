import type { ArticleDetail } from '../data/types';
import { modifiedText, publishedText } from './dates';
import { describeArticle } from './describe';
import { absoluteUrl, type SiteIdentity } from './identity';
import { paths } from './paths';
import { articleShareImage } from './share-image';

// schema.org JSON-LD for search engines, built from the same ArticleDetail the page renders, with
// the same dates and description, so the structured data cannot contradict the visible page.

export type JsonLd = Record<string, unknown>;

export function organizationJsonLd(site: SiteIdentity): JsonLd {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${site.url}/#organization`,
    name: site.name,
    url: absoluteUrl(paths.home, site.url),
    logo: {
      '@type': 'ImageObject',
      url: absoluteUrl(site.logo.path, site.url),
      width: site.logo.width,
      height: site.logo.height,
    },
  };
}

export function newsArticleJsonLd(article: ArticleDetail, site: SiteIdentity): JsonLd {
  const url = absoluteUrl(paths.article(article.slug), site.url);
  const image = articleShareImage(article, site);
  const publisher = organizationJsonLd(site);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.headline,
    description: describeArticle(article),
    image: [{ '@type': 'ImageObject', url: image.url, width: image.width, height: image.height }],
    datePublished: publishedText(article),
    dateModified: modifiedText(article),
    // An unsigned piece is the publication's own work.
    author:
      article.authors.length > 0
        ? article.authors.map((author) => ({
            '@type': 'Person',
            name: author.name,
            url: absoluteUrl(paths.listing('author', author.slug), site.url),
          }))
        : [publisher],
    publisher,
    articleSection: article.section.name,
    keywords: article.tags.map((tag) => tag.name),
    inLanguage: site.language,
    wordCount: article.wordCount,
  };
}

export function articleBreadcrumbJsonLd(article: ArticleDetail, site: SiteIdentity): JsonLd {
  const crumbs = [
    { name: site.name, path: paths.home },
    { name: article.section.name, path: paths.listing('section', article.section.slug) },
    { name: article.headline, path: paths.article(article.slug) },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path, site.url),
    })),
  };
}

export function webSiteJsonLd(site: SiteIdentity): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': `${site.url}/#website`,
    name: site.name,
    url: absoluteUrl(paths.home, site.url),
    inLanguage: site.language,
    publisher: organizationJsonLd(site),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(paths.search, site.url)}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/**
 * JSON for a <script type="application/ld+json"> block. "<" is written as \u003c so no value (a
 * headline containing "</script>") can end the block; ">" and "&" likewise, for HTML comment tricks.
 */
export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
