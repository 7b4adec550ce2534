import type { PrismaClient } from '../generated/prisma/client';
import { MATCH_END, MATCH_START } from './highlight';
import type { SearchMatch, SearchMatches, SearchPage } from './search-match-types';

// Full-text search on SQLite: the FTS5 table "ArticleSearch" (prisma/migrations/*_search) over
// Article's headline, standfirst and bodyText. All SQLite-specific search SQL lives here; its
// PostgreSQL twin, search-postgres.ts, returns the same SearchMatches from tsvector, ts_rank and ts_headline.

/** Relevance weights by column (headline, standfirst, body): a word in the headline counts most. */
const WEIGHTS = { headline: 10, standfirst: 4, body: 1 } as const;
/** Tokens of body text around the matched words in an excerpt. */
const EXCERPT_TOKENS = 28;

/**
 * An FTS5 query from plain words: each one a quoted string (inner quotes doubled), so no operator,
 * column filter or bracket in it means anything; the words must all occur (implicit AND).
 */
export function ftsQuery(terms: string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}

export async function findSqliteSearchMatches(
  db: PrismaClient,
  now: Date,
  terms: string[],
  { skip, take }: SearchPage,
): Promise<SearchMatches> {
  const match = ftsQuery(terms);
  // Dates are stored as integer milliseconds (lib/db.ts), so the publication rule compares numbers.
  const nowMs = now.getTime();
  // CROSS JOIN fixes the join order: the full-text match first, then each match's Article row.
  // Left to itself SQLite walks the (status, publishedAt) index and runs the MATCH once per public
  // article: 390 ms instead of 15 ms for a word in 1,200 of 10,000 articles.
  const [count] = await db.$queryRaw<{ total: number | bigint }[]>`
    SELECT count(*) AS total
    FROM "ArticleSearch" CROSS JOIN "Article" a ON a."id" = "ArticleSearch".rowid
    WHERE "ArticleSearch" MATCH ${match} AND a."status" = 'PUBLISHED' AND a."publishedAt" <= ${nowMs}`;
  const total = Number(count?.total ?? 0);
  if (total === 0 || skip >= total) return { total, matches: [] };
  // Ranking needs only the index (bm25); highlight() and snippet() read the stored text, so they run
  // for this page's rows alone, after the LIMIT, not for every match (a common word matches
  // thousands of articles at 100,000). The outer MATCH with a rowid gives them the match's context.
  const matches = await db.$queryRaw<SearchMatch[]>`
    WITH page AS (
      SELECT a."id" AS id, a."publishedAt" AS publishedAt,
        bm25("ArticleSearch", ${WEIGHTS.headline}, ${WEIGHTS.standfirst}, ${WEIGHTS.body}) AS rank
      FROM "ArticleSearch" CROSS JOIN "Article" a ON a."id" = "ArticleSearch".rowid
      WHERE "ArticleSearch" MATCH ${match} AND a."status" = 'PUBLISHED' AND a."publishedAt" <= ${nowMs}
      ORDER BY rank, a."publishedAt" DESC, a."id" DESC
      LIMIT ${take} OFFSET ${skip}
    )
    SELECT page.id AS id,
      highlight("ArticleSearch", 0, ${MATCH_START}, ${MATCH_END}) AS headline,
      highlight("ArticleSearch", 1, ${MATCH_START}, ${MATCH_END}) AS standfirst,
      snippet("ArticleSearch", 2, ${MATCH_START}, ${MATCH_END}, '…', ${EXCERPT_TOKENS}) AS excerpt
    FROM page CROSS JOIN "ArticleSearch" ON "ArticleSearch".rowid = page.id
    WHERE "ArticleSearch" MATCH ${match}
    ORDER BY page.rank, page.publishedAt DESC, page.id DESC`;
  return { total, matches: matches.map((row) => ({ ...row, id: Number(row.id) })) };
}
