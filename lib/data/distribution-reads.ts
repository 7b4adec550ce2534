import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { FEED_SIZE } from '../site/feeds';
import type { FeedScope } from '../site/paths';
import { cachedRead } from './cache';
import { findFeed, findNewsArticles } from './distribution';

// The feed and news-sitemap reads the routes call (sitemaps: sitemap-reads.ts), cached like the pages' reads (cache.ts): until the
// content changes or a scheduled article's time comes.

export const getFeed = cache(cachedRead('feed', (scope: FeedScope) => findFeed(getPrisma(), new Date(), scope, FEED_SIZE)));

export const getNewsArticles = cache(cachedRead('news-sitemap', () => findNewsArticles(getPrisma(), new Date())));
