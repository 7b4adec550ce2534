import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findArticleHistory, findCorrectionsPage, findRecentCorrections } from './history-queries';

// The functions the history and corrections pages call. Plain reads: the pages are cached whole by
// Next (docs/decisions/003), and React's cache() shares one read between generateMetadata and the page.

/** Every version readers have seen of a public article, or null when there is no such article. */
export const getArticleHistory = cache((slug: string) => findArticleHistory(getPrisma(), new Date(), slug));

/** One page of corrections site-wide, newest first, or null past the last page. */
export const getCorrectionsPage = cache((page: number) => findCorrectionsPage(getPrisma(), new Date(), page));

export const getRecentCorrections = cache((take: number) => findRecentCorrections(getPrisma(), new Date(), take));
