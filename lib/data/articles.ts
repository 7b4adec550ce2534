import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { cachedRead } from './cache';
import { findArticle, findLatestArticles, findRedirectTarget, findSections } from './queries';

// The functions pages call. React's cache() lets generateMetadata and the page share one read per
// request; cachedRead keeps results across requests until the content changes.

export const getLatestArticles = cache(
  cachedRead('latest-articles', (take: number, skip: number = 0) =>
    findLatestArticles(getPrisma(), new Date(), { take, skip }),
  ),
);

/** A public article by slug, or null when there is none (missing, draft, or not yet published). */
export const getArticle = cache(cachedRead('article', (slug: string) => findArticle(getPrisma(), new Date(), slug)));

/** Where an old slug now lives, or null. */
export const getRedirectTarget = cache(
  cachedRead('redirect', (slug: string) => findRedirectTarget(getPrisma(), new Date(), slug)),
);

export const getSections = cache(cachedRead('sections', () => findSections(getPrisma())));
