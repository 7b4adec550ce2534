import { dialectOf, type PrismaClient } from '../db';
import type { SearchMatches, SearchPage } from './search-match-types';
import { findPostgresSearchMatches } from './search-postgres';
import { findSqliteSearchMatches } from './search-sqlite';

// The one dialect-specific step of search: which published articles match the words, best first,
// with the matched words marked. Each database answers it with its own full-text engine.

export type { SearchMatch, SearchMatches, SearchPage } from './search-match-types';

/**
 * How many matches a search ranks: the 1,000 most recently added to the archive (highest ids).
 * Ranking scores every match it is given, so without a bound a word found in most stories cost
 * hundreds of milliseconds at 100,000 articles, and more as the archive grows; with it a search
 * costs about the same at 1,000 articles or 1,000,000. Stories written in the newsroom are added as
 * they are published, so the window holds the newest; a search that matches more says "more than
 * 1,000" and pages through the best of those (100 pages). An archive imported in one seed run is
 * added in file-name order, so for its stories the window is the last 1,000 by file name.
 */
export const SEARCH_WINDOW = 1000;

export function findSearchMatches(
  db: PrismaClient,
  now: Date,
  terms: string[],
  { window = SEARCH_WINDOW, ...page }: SearchPage,
): Promise<SearchMatches> {
  if (terms.length === 0) return Promise.resolve({ total: 0, matches: [] });
  return dialectOf(db) === 'postgresql'
    ? findPostgresSearchMatches(db, now, terms, { ...page, window })
    : findSqliteSearchMatches(db, now, terms, { ...page, window });
}
