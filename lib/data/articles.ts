import 'server-only';
import { connection } from 'next/server';
import { cache } from 'react';
import { getPrisma } from '../db';
import { cachedRead } from './cache';
import { findAuthorPage, findFrontPage, findRelatedArticles, findSectionPage, findTagPage } from './lists';
import { findArticle, findRedirectTarget, findSections } from './queries';
import { findSearchResults } from './search';

// The functions pages call. React's cache() lets generateMetadata and the page share one read per
// request; cachedRead keeps results across requests until the content changes.

/** A public article by slug, or null when there is none (missing, draft, or not yet published). */
export const getArticle = cache(cachedRead('article', (slug: string) => findArticle(getPrisma(), new Date(), slug)));

/** Where an old slug now lives, or null. */
export const getRedirectTarget = cache(
  cachedRead('redirect', (slug: string) => findRedirectTarget(getPrisma(), new Date(), slug)),
);

export const getSections = cache(cachedRead('sections', () => findSections(getPrisma())));

export const getFrontPage = cache(cachedRead('front-page', () => findFrontPage(getPrisma(), new Date())));

/** A section and one page of its stories, or null when the section or the page does not exist. */
export const getSectionPage = cache(
  cachedRead('section-page', (slug: string, page: number) => findSectionPage(getPrisma(), new Date(), slug, page)),
);

/** A tag and one page of its stories, or null when no public story carries it or the page does not exist. */
export const getTagPage = cache(
  cachedRead('tag-page', (slug: string, page: number) => findTagPage(getPrisma(), new Date(), slug, page)),
);

/** An author's profile and one page of their stories, or null when the author or the page does not exist. */
export const getAuthorPage = cache(
  cachedRead('author-page', (slug: string, page: number) => findAuthorPage(getPrisma(), new Date(), slug, page)),
);

export const getRelatedArticles = cache(
  cachedRead('related', (slug: string, take: number) => findRelatedArticles(getPrisma(), new Date(), slug, take)),
);

/**
 * One page of search results, or null when the page is past the end. Not kept across requests:
 * every reader's text is a new key, and caching them would let anyone fill the cache.
 */
export const searchArticles = cache(async (query: string, page: number) => {
  await connection();
  return findSearchResults(getPrisma(), new Date(), query, page);
});
