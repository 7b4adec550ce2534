import 'server-only';
import { connection } from 'next/server';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findSearchResults } from './search';

/**
 * One page of search results, or null when the page is past the end. Never in Next's caches: every
 * reader's text is a new key. Our server stores a finished result page only when the same query is
 * asked twice, in a bounded share of its own, dropped on every content change (server/response-cache.ts).
 */
export const searchArticles = cache(async (query: string, page: number) => {
  await connection();
  return findSearchResults(getPrisma(), new Date(), query, page);
});
