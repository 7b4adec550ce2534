import 'server-only';
import { connection } from 'next/server';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findSearchResults } from './search';

/**
 * One page of search results, or null when the page is past the end. Never cached, by Next or by
 * our server: every reader's text is a new key, and caching them would let anyone fill the cache.
 */
export const searchArticles = cache(async (query: string, page: number) => {
  await connection();
  return findSearchResults(getPrisma(), new Date(), query, page);
});
