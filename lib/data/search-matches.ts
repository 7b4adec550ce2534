import { dialectOf, type PrismaClient } from '../db';
import { findPostgresSearchMatches } from './search-postgres';
import { findSqliteSearchMatches } from './search-sqlite';

// The one dialect-specific step of search: which published articles match the words, best first,
// with the matched words marked. Each database answers it with its own full-text engine.

/** An article that matched, its text marked with MATCH_START/MATCH_END around the matched words. */
export interface SearchMatch {
  id: number;
  headline: string;
  standfirst: string | null;
  excerpt: string;
}

export interface SearchMatches {
  total: number;
  matches: SearchMatch[];
}

export interface SearchPage {
  skip: number;
  take: number;
}

export function findSearchMatches(db: PrismaClient, now: Date, terms: string[], page: SearchPage): Promise<SearchMatches> {
  if (terms.length === 0) return Promise.resolve({ total: 0, matches: [] });
  return dialectOf(db) === 'postgresql'
    ? findPostgresSearchMatches(db, now, terms, page)
    : findSqliteSearchMatches(db, now, terms, page);
}
