import type { PrismaClient } from '../generated/prisma/client';
import { splitHighlights } from './highlight';
import { publicArticleWhere, summarySelect, toSummary } from './queries';
import { searchTerms } from './search-terms';
import { findSearchMatches } from './search-matches';
import type { ListPage, SearchHit } from './types';

// Search as pages see it, whatever the database: words from the reader's text (search-terms.ts),
// matches ranked by the database's full-text engine (search-matches.ts, the only dialect-specific
// part: search-sqlite.ts or search-postgres.ts), then the stories themselves read like every other list.

export const SEARCH_PAGE_SIZE = 10;

export interface SearchResults extends ListPage<SearchHit> {
  /** The words searched for; empty when the text had none (then there are no results). */
  terms: string[];
}

/** One page of results, most relevant first, or null when the page is past the end. */
export async function findSearchResults(
  db: PrismaClient,
  now: Date,
  query: string,
  page: number,
): Promise<SearchResults | null> {
  if (!Number.isInteger(page) || page < 1) return null;
  const terms = searchTerms(query);
  const { total, matches } = await findSearchMatches(db, now, terms, {
    skip: (page - 1) * SEARCH_PAGE_SIZE,
    take: SEARCH_PAGE_SIZE,
  });
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  if (page > pageCount) return null;
  const rows = await db.article.findMany({
    where: { AND: [publicArticleWhere(now), { id: { in: matches.map((match) => match.id) } }] },
    select: { id: true, ...summarySelect },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = matches.flatMap((match): SearchHit[] => {
    const row = byId.get(match.id);
    // An article unpublished between the two reads is simply left out.
    if (!row) return [];
    return [
      {
        article: toSummary(row),
        headline: splitHighlights(match.headline),
        standfirst: match.standfirst === null ? null : splitHighlights(match.standfirst),
        excerpt: splitHighlights(match.excerpt),
      },
    ];
  });
  return { items, page, pageCount, total, terms };
}
