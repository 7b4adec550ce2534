import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findRelatedArticles } from './lists';
import { findArticle, findRedirectTarget } from './queries';

// The article page's reads. Each reads the database directly: the page itself is what Next caches
// (docs/decisions/003-caching-and-scheduling.md), so a cached hit reads nothing. React's cache()
// lets generateMetadata, the page and the share image route share one read per render.

/** A public article by slug, or null when there is none (missing, draft, or not yet published). */
export const getArticle = cache((slug: string) => findArticle(getPrisma(), new Date(), slug));

/** Where an old slug now lives, or null. */
export const getRedirectTarget = cache((slug: string) => findRedirectTarget(getPrisma(), new Date(), slug));

export const getRelatedArticles = cache((slug: string, take: number) =>
  findRelatedArticles(getPrisma(), new Date(), slug, take),
);
