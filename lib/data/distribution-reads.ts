import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { FEED_SIZE } from '../site/feeds';
import type { FeedScope } from '../site/paths';
import { findFeed, findNewsArticles, findSitemapData } from './distribution';

// The feed and sitemap reads the routes call. The routes' responses are cached by Next and by our
// server (decision 003), so these run only on a miss.

export const getFeed = cache((scope: FeedScope) => findFeed(getPrisma(), new Date(), scope, FEED_SIZE));

export const getSitemapData = cache(() => findSitemapData(getPrisma(), new Date()));

export const getNewsArticles = cache(() => findNewsArticles(getPrisma(), new Date()));
