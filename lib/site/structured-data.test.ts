import { describe, expect, it } from 'vitest';
import { HOSTILE_HEADLINE, makeArticle, testSite } from '../../tests/support/distribution';
import { articleBreadcrumbJsonLd, newsArticleJsonLd, serializeJsonLd, webSiteJsonLd } from './structured-data';

describe('NewsArticle', () => {
  const article = makeArticle('summit-talks', {
    publishedAt: '2026-03-10T09:00:00.000Z',
    updatedAt: '2026-03-10T11:00:00.000Z',
    tags: [
      { slug: 'diplomacy', name: 'Diplomacy' },
      { slug: 'trade', name: 'Trade' },
    ],
  });

  it('describes the article with the fields search engines require', () => {
    expect(newsArticleJsonLd(article, testSite)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Headline of summit-talks',
      description: 'Standfirst of summit-talks.',
      datePublished: '2026-03-10T09:00:00.000Z',
      dateModified: '2026-03-10T11:00:00.000Z',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://gazette.example/articles/summit-talks' },
      image: [{ url: 'https://gazette.example/articles/summit-talks/card.png', width: 1200, height: 630 }],
      author: [{ '@type': 'Person', name: 'Ada Byline', url: 'https://gazette.example/authors/ada-byline' }],
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'The Test Gazette',
        logo: { '@type': 'ImageObject', url: 'https://gazette.example/logo.png' },
      },
      articleSection: 'World',
      keywords: ['Diplomacy', 'Trade'],
    });
  });

  it('uses the lead image when there is one, and the publisher for an unsigned piece', () => {
    const data = newsArticleJsonLd(
      makeArticle('with-photo', {
        authors: [],
        image: { src: '/images/summit.jpg', alt: 'Leaders', caption: null, credit: null, width: 1600, height: 900 },
      }),
      testSite,
    );
    expect(data.image).toEqual([
      { '@type': 'ImageObject', url: 'https://gazette.example/images/summit.jpg', width: 1600, height: 900 },
    ]);
    expect(data.author).toEqual([
      expect.objectContaining({ '@type': 'NewsMediaOrganization', name: 'The Test Gazette' }),
    ]);
  });

  it('keeps the publication date as the modification date for a re-save within a minute', () => {
    const data = newsArticleJsonLd(makeArticle('resaved', { updatedAt: '2026-03-10T09:00:30.000Z' }), testSite);
    expect(data.dateModified).toBe(data.datePublished);
  });
});

describe('BreadcrumbList and WebSite', () => {
  it('leads from the front page through the section to the article', () => {
    const crumbs = articleBreadcrumbJsonLd(makeArticle('summit-talks'), testSite).itemListElement;
    expect(crumbs).toEqual([
      { '@type': 'ListItem', position: 1, name: 'The Test Gazette', item: 'https://gazette.example/' },
      { '@type': 'ListItem', position: 2, name: 'World', item: 'https://gazette.example/sections/world' },
      {
        '@type': 'ListItem',
        position: 3,
        name: 'Headline of summit-talks',
        item: 'https://gazette.example/articles/summit-talks',
      },
    ]);
  });

  it('offers the site search to search engines', () => {
    expect(webSiteJsonLd(testSite).potentialAction).toEqual({
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: 'https://gazette.example/search?q={search_term_string}' },
      'query-input': 'required name=search_term_string',
    });
  });
});

describe('serializeJsonLd', () => {
  it('cannot be broken out of by a headline, and parses back to the same values', () => {
    const data = newsArticleJsonLd(makeArticle('hostile', { headline: HOSTILE_HEADLINE }), testSite);
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
  });
});
