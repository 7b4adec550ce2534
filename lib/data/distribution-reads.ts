import 'server-only';
import { connection } from 'next/server';
import { cache } from 'react';
import { getPrisma } from '../db';
import { FEED_SIZE } from '../site/feeds';
import type { FeedScope } from '../site/paths';
import { cachedRead } from './cache';
import { findFeed, findNewsArticles, findSitemapData } from './distribution';

// The feed and sitemap reads the routes call. Feeds and the news sitemap are cached like the pages'
// reads (cache.ts), until the content changes or a scheduled article's time comes; the full sitemap
// is read per request (below).

export const getFeed = cache(cachedRead('feed', (scope: FeedScope) => findFeed(getPrisma(), new Date(), scope, FEED_SIZE)));

/**
 * Read per request, not through the data cache: Next refuses to cache entries over 2 MB, which the
 * sitemap's rows pass at about 10,000 articles, and crawlers ask for sitemaps rarely.
 */
export const getSitemapData = cache(async () => {
  await connection();
  return findSitemapData(getPrisma(), new Date());
});

export const getNewsArticles = cache(cachedRead('news-sitemap', () => findNewsArticles(getPrisma(), new Date())));
