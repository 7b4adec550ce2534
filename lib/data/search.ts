import type { PrismaClient } from '../generated/prisma/client';
import { splitHighlights } from './highlight';
import { searchTerms } from './search-terms';
import { findSearchMatches, SEARCH_WINDOW, type SearchMatch } from './search-matches';
import type { HighlightedText, ListPage } from './types';

// Search as pages see it, whatever the database: words from the reader's text (search-terms.ts),
// then matches ranked by the database's full-text engine with what each result shows of its story
// (search-matches.ts, the only dialect-specific part: search-sqlite.ts or search-postgres.ts).

export const SEARCH_PAGE_SIZE = 10;

export { SEARCH_WINDOW };

/** One result: the story as a list shows it, its text with the matched words marked. */
export interface SearchResult {
  slug: string;
  publishedAt: string;
  publishedDateOnly: boolean;
  section: { slug: string; name: string };
  headline: HighlightedText;
  standfirst: HighlightedText | null;
  /** A passage of the body around the matched words. */
  excerpt: HighlightedText;
}

export interface SearchResults extends ListPage<SearchResult> {
  /** The words searched for; empty when the text had none (then there are no results). */
  terms: string[];
  /** More stories match than the window ranks: `total` is then the window, a lower bound. */
  more: boolean;
}

function toResult(match: SearchMatch): SearchResult {
  return {
    slug: match.slug,
    publishedAt: new Date(match.publishedAt).toISOString(),
    publishedDateOnly: Boolean(match.publishedDateOnly),
    section: { slug: match.sectionSlug, name: match.sectionName },
    headline: splitHighlights(match.headline),
    standfirst: match.standfirst === null ? null : splitHighlights(match.standfirst),
    excerpt: splitHighlights(match.excerpt),
  };
}

/** One page of results, most relevant first, or null when the page is past the end. */
export async function findSearchResults(
  db: PrismaClient,
  now: Date,
  query: string,
  page: number,
  window = SEARCH_WINDOW,
): Promise<SearchResults | null> {
  if (!Number.isInteger(page) || page < 1) return null;
  const terms = searchTerms(query);
  const { total: counted, matches } = await findSearchMatches(db, now, terms, {
    skip: (page - 1) * SEARCH_PAGE_SIZE,
    take: SEARCH_PAGE_SIZE,
    window,
  });
  const more = counted > window;
  const total = Math.min(counted, window);
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  if (page > pageCount) return null;
  return { items: matches.map(toResult), page, pageCount, total, terms, more };
}
