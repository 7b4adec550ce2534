// What each database's full-text search answers (search-sqlite.ts, search-postgres.ts), in a module
// of its own so the dialects and the one that picks between them (search-matches.ts) import no cycle.

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
