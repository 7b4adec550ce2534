import { forRawReads } from '../db';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { MATCH_END, MATCH_START } from './highlight';
import { toSearchMatch, type SearchMatch, type SearchMatches, type WindowedSearchPage } from './search-match-types';

// Full-text search on PostgreSQL: the generated tsvector column Article."search" with its GIN index
// (prisma/postgresql/migrations/*_search), in the text search configuration "news" (English stems,
// accents folded, no stop words, like the SQLite index). All PostgreSQL-specific search SQL lives
// here; it answers with the same SearchMatches as search-sqlite.ts.

/**
 * ts_rank's weights for D, C, B, A: body (C) 1, standfirst (B) 4, headline (A) 10, the same ratios
 * as bm25's column weights on SQLite.
 */
const WEIGHTS = '{0, 0.1, 0.4, 1.0}';
/** Words of body text in an excerpt, about the size of the SQLite snippet. */
const EXCERPT_WORDS = 28;
/**
 * HighlightAll returns the whole text with only the matches marked. Without it ts_headline drops
 * whatever its parser takes for an HTML tag, and search results must show stored text as it is.
 */
const HEADLINE_OPTIONS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", HighlightAll=true`;

/**
 * The tsquery: each word through phraseto_tsquery, joined with && (all must occur). A word is
 * only ever text to the parser, so quotes, operators and brackets typed by a reader mean nothing,
 * and "covid-19" matches as the phrase its parts make.
 */
export function tsQuery(terms: string[]): Prisma.Sql {
  return Prisma.join(
    terms.map((term) => Prisma.sql`phraseto_tsquery('news', ${term})`),
    ' && ',
  );
}

export async function findPostgresSearchMatches(
  db: PrismaClient,
  now: Date,
  terms: string[],
  { skip, take, window }: WindowedSearchPage,
): Promise<SearchMatches> {
  const query = tsQuery(terms);
  // With DATABASE_REPLICA_URLS, a read replica answers (search is the heaviest read the site makes).
  const reader = forRawReads(db);
  // The same window as on SQLite (search.ts): the `window` + 1 public matches with the highest ids
  // are counted, the first `window` of them ranked and paged; ts_rank reads each one's tsvector, so
  // it scores no more than those. Rank and page first, then highlight only the page's rows
  // (ts_headline re-parses the text), with what a result shows of its story read in the same statement.
  const rows = await reader.$queryRaw<(SearchMatch & { total: bigint })[]>`
    WITH q AS (SELECT ${query} AS query),
    matched AS MATERIALIZED (
      SELECT a."id" FROM "Article" a, q
      WHERE a."search" @@ q.query AND a."status" = 'PUBLISHED' AND a."publishedAt" <= ${now}
      -- "+ 0": never walk the primary key backwards testing each row's tsvector until enough match
      -- (every row of the table for a rare word); find the matches through the GIN index, then sort.
      ORDER BY a."id" + 0 DESC LIMIT ${window + 1}
    ),
    counted AS (SELECT count(*) AS total, min("id") AS oldest FROM matched),
    hits AS (
      SELECT a."id", a."headline", a."standfirst", a."bodyText", a."publishedAt", a."slug",
        a."publishedDateOnly", a."sectionId", ts_rank(${WEIGHTS}::float4[], a."search", q.query) AS rank
      FROM "Article" a, q, counted
      WHERE a."id" IN (SELECT "id" FROM matched) AND (counted.total <= ${window} OR a."id" > counted.oldest)
      ORDER BY rank DESC, a."publishedAt" DESC, a."id" DESC
      LIMIT ${take} OFFSET ${skip}
    )
    SELECT hits."id" AS id, counted.total AS total,
      ts_headline('news', hits."headline", q.query, ${HEADLINE_OPTIONS}) AS headline,
      ts_headline('news', hits."standfirst", q.query, ${HEADLINE_OPTIONS}) AS standfirst,
      ts_headline('news', hits."bodyText", q.query, ${HEADLINE_OPTIONS}) AS excerpt,
      hits."slug" AS slug, hits."publishedAt" AS "publishedAt", hits."publishedDateOnly" AS "publishedDateOnly",
      s."slug" AS "sectionSlug", s."name" AS "sectionName"
    FROM hits JOIN "Section" s ON s."id" = hits."sectionId", q, counted
    ORDER BY hits.rank DESC, hits."publishedAt" DESC, hits."id" DESC`;
  const [first] = rows;
  if (first) {
    return {
      total: Number(first.total),
      matches: rows.map((row) => ({ ...toSearchMatch(row), excerpt: excerptOf(row.excerpt, EXCERPT_WORDS) })),
    };
  }
  // No row: nothing matches, or the page is past the end, which needs the count (as on SQLite).
  if (skip === 0) return { total: 0, matches: [] };
  const [count] = await reader.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM (
      SELECT a."id" FROM "Article" a
      WHERE a."search" @@ (${query}) AND a."status" = 'PUBLISHED' AND a."publishedAt" <= ${now}
      ORDER BY a."id" + 0 DESC LIMIT ${window + 1}
    ) matched`;
  return { total: Number(count?.total ?? 0), matches: [] };
}

/**
 * The run of `size` words of marked text that holds the most matched words, with "…" where text
 * was cut, like FTS5's snippet. Words are cut at whitespace, which never falls inside a marked word.
 */
export function excerptOf(marked: string, size: number): string {
  const words = marked.split(/(\s+)/).filter((part, index) => index % 2 === 0 && part !== '');
  if (words.length <= size) return marked;
  const isMatch = words.map((word) => (word.includes(MATCH_START) ? 1 : 0));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let end = 0; end < words.length; end++) {
    count += isMatch[end] ?? 0;
    if (end >= size) count -= isMatch[end - size] ?? 0;
    const start = Math.max(0, end - size + 1);
    if (end >= size - 1 && count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const excerpt = words.slice(best, best + size).join(' ');
  return `${best > 0 ? '…' : ''}${excerpt}${best + size < words.length ? '…' : ''}`;
}
