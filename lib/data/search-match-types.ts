// What each database's full-text search answers (search-sqlite.ts, search-postgres.ts), in a module
// of its own so the dialects and the one that picks between them (search-matches.ts) import no cycle.

/**
 * An article that matched, its text marked with MATCH_START/MATCH_END around the matched words,
 * with what a result shows of the story read in the same statement (no second read, so no story
 * unpublished in between can slip in).
 */
export interface SearchMatch {
  id: number;
  headline: string;
  standfirst: string | null;
  excerpt: string;
  slug: string;
  /** As the driver returns it: a Date (PostgreSQL), integer milliseconds (SQLite, lib/db.ts). */
  publishedAt: Date | number | string;
  /** A boolean (PostgreSQL) or 0/1 (SQLite). */
  publishedDateOnly: boolean | number;
  sectionSlug: string;
  sectionName: string;
}

export interface SearchMatches {
  /** Matches counted, at most `window` + 1 (more than `window` means "more than `window`"). */
  total: number;
  matches: SearchMatch[];
}

export interface SearchPage {
  skip: number;
  take: number;
  /**
   * Only the `window` matches most recently added (highest ids) are ranked and paged, and no more
   * than `window` + 1 are counted: what a search costs stops growing with the archive. Default:
   * SEARCH_WINDOW (search-matches.ts).
   */
  window?: number;
}

/** A page as each dialect gets it: the window filled in. */
export type WindowedSearchPage = Required<SearchPage>;

/** A row of either dialect's search statement as a SearchMatch: the count left out, the id a number. */
export function toSearchMatch(row: SearchMatch & { total: unknown }): SearchMatch {
  const { headline, standfirst, excerpt, slug, publishedAt, publishedDateOnly, sectionSlug, sectionName } = row;
  return { id: Number(row.id), headline, standfirst, excerpt, slug, publishedAt, publishedDateOnly, sectionSlug, sectionName };
}
