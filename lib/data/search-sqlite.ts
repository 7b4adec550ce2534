import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { MATCH_END, MATCH_START } from './highlight';
import { toSearchMatch, type SearchMatch, type SearchMatches, type WindowedSearchPage } from './search-match-types';

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
  { skip, take, window }: WindowedSearchPage,
): Promise<SearchMatches> {
  const match = ftsQuery(terms);
  // Dates are stored as integer milliseconds (lib/db.ts), so the publication rule compares numbers.
  const nowMs = now.getTime();
  // The publication rule is checked against the few articles that are not public (drafts, the
  // scheduled, the unpublished), found through the index that starts (status, publishedAt) and kept in
  // memory by SQLite for the query: joining each match's Article row instead read its whole row, bodies
  // included, to reach `status`. Never a join: SQLite may put Article first and run the MATCH once
  // per article (minutes at 100,000). Each OR term is a range of that index: with the two
  // published cases as one term ("publishedAt" > now OR IS NULL), SQLite walked every published
  // article's entry (12-26 ms at 100,000, against under 1 ms).
  const hidden = Prisma.sql`(${hiddenArticleIds(nowMs)})`;
  // The window: FTS5 walks a word's matches in rowid order and stops after `window` + 1 of them, so
  // bm25 scores at most that many (it cost 2-5 µs a match: a word in every article of 100,000 cost
  // 200-600 ms to rank, `harbour`, in 11.6% of them, 20-110 ms). The extra match only tells that
  // there are more; it is neither ranked into the page nor shown. Ranking reads only the index;
  // highlight() and snippet() read the stored text, so they run for this page's rows alone, after
  // the LIMIT. Equal relevance is broken by publication time, read only for the rows ranked no worse
  // than this page's last (Article rows are big). What a result shows of its story (slug, date,
  // section) is read in the same statement, for the page's rows.
  const rows = await db.$queryRaw<(SearchMatch & { total: number | bigint })[]>`
    WITH ranked AS MATERIALIZED (
      SELECT rowid AS id, bm25("ArticleSearch", ${WEIGHTS.headline}, ${WEIGHTS.standfirst}, ${WEIGHTS.body}) AS rank
      FROM "ArticleSearch"
      WHERE "ArticleSearch" MATCH ${match} AND "ArticleSearch".rowid NOT IN ${hidden}
      ORDER BY rowid DESC LIMIT ${window + 1}
    ),
    counted AS MATERIALIZED (SELECT count(*) AS total, min(id) AS oldest FROM ranked),
    windowed AS (
      SELECT id, rank FROM ranked
      WHERE (SELECT total FROM counted) <= ${window} OR id > (SELECT oldest FROM counted)
    ),
    cutoff AS (SELECT rank FROM windowed ORDER BY rank LIMIT 1 OFFSET ${skip + take - 1}),
    page AS (
      SELECT r.id AS id, r.rank AS rank, a."publishedAt" AS publishedAt
      FROM windowed r CROSS JOIN "Article" a ON a."id" = r.id
      WHERE r.rank <= coalesce((SELECT rank FROM cutoff), 1e308)
      ORDER BY r.rank, a."publishedAt" DESC, r.id DESC
      LIMIT ${take} OFFSET ${skip}
    )
    SELECT page.id AS id, (SELECT total FROM counted) AS total,
      highlight("ArticleSearch", 0, ${MATCH_START}, ${MATCH_END}) AS headline,
      highlight("ArticleSearch", 1, ${MATCH_START}, ${MATCH_END}) AS standfirst,
      snippet("ArticleSearch", 2, ${MATCH_START}, ${MATCH_END}, '…', ${EXCERPT_TOKENS}) AS excerpt,
      a."slug" AS slug, page.publishedAt AS publishedAt, a."publishedDateOnly" AS publishedDateOnly,
      s."slug" AS sectionSlug, s."name" AS sectionName
    FROM page
      CROSS JOIN "ArticleSearch" ON "ArticleSearch".rowid = page.id
      CROSS JOIN "Article" a ON a."id" = page.id
      CROSS JOIN "Section" s ON s."id" = a."sectionId"
    WHERE "ArticleSearch" MATCH ${match}
    ORDER BY page.rank, page.publishedAt DESC, page.id DESC`;
  const [first] = rows;
  if (first) {
    const total = Number(first.total);
    const matches = rows.map(toSearchMatch);
    return { total, matches };
  }
  // No row: nothing matches (the first page is empty only then), or the page is past the end,
  // which needs the count (pages past the end answer 404, so readers rarely ask).
  if (skip === 0) return { total: 0, matches: [] };
  const [count] = await db.$queryRaw<{ total: number | bigint }[]>`
    SELECT count(*) AS total FROM (
      SELECT rowid FROM "ArticleSearch"
      WHERE "ArticleSearch" MATCH ${match} AND "ArticleSearch".rowid NOT IN ${hidden}
      ORDER BY rowid DESC LIMIT ${window + 1}
    )`;
  return { total: Number(count?.total ?? 0), matches: [] };
}

/** The ids of the articles readers may not see at `nowMs` (see findSqliteSearchMatches for how it is read). */
export function hiddenArticleIds(nowMs: number): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "Article" WHERE "status" < 'PUBLISHED' OR "status" > 'PUBLISHED'
    OR ("status" = 'PUBLISHED' AND "publishedAt" > ${nowMs}) OR ("status" = 'PUBLISHED' AND "publishedAt" IS NULL)`;
}
