import { dialectOf, type PrismaClient } from '../db';
import type { SearchMatches, SearchPage } from './search-match-types';
import { findPostgresSearchMatches } from './search-postgres';
import { findSqliteSearchMatches } from './search-sqlite';

// The one dialect-specific step of search: which published articles match the words, best first,
// with the matched words marked. Each database answers it with its own full-text engine.

export type { SearchMatch, SearchMatches, SearchPage } from './search-match-types';

export function findSearchMatches(db: PrismaClient, now: Date, terms: string[], page: SearchPage): Promise<SearchMatches> {
  if (terms.length === 0) return Promise.resolve({ total: 0, matches: [] });
  return dialectOf(db) === 'postgresql'
    ? findPostgresSearchMatches(db, now, terms, page)
    : findSqliteSearchMatches(db, now, terms, page);
}
