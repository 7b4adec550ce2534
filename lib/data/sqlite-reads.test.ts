import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childSitemap, rootSitemap } from '../site/sitemap-pages';
import {
  articleRow,
  createSectionAuthorTag,
  createTestDatabase,
  type TestDatabase,
} from '../../tests/support/database';
import { testSite } from '../../tests/support/distribution';
import { hiddenArticleIds } from './search-sqlite';
import { sitemapReader } from './sitemap';

// What the sitemap's and search's reads cost SQLite, whose driver answers on the event loop
// itself: a real file migrated as the site's. Not run on PostgreSQL (scripts/postgres/test.ts),
// whose queries wait on the network and whose planner chooses by table statistics.

const NOW = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await createSectionAuthorTag(db);
  for (let index = 0; index < 11; index++) {
    const row = await db.prisma.article.create({
      data: articleRow(`story-${index}`, new Date(NOW.getTime() - (20 - index) * 60 * MINUTE)),
    });
    await db.prisma.articleAuthor.create({ data: { articleId: row.id, authorId: 1 } });
    await db.prisma.articleTag.create({ data: { articleId: row.id, tagId: 1 } });
  }
});

afterAll(async () => {
  await db.dispose();
});

/** Counts the turns of the event loop taken while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  // Started in this turn, as a request's render would be, before the ticker's first turn.
  await work();
  running = false;
  return turns;
}

describe('sitemap reads on SQLite', () => {
  it('let other requests in between their reads', async () => {
    // 4 listings and 11 articles. Without the reader's turns, the index of 15 one-entry children (one
    // MAX each) and the listings' walk (11 chunks of one article) each ran as a single task.
    const indexTurns = await turnsDuring(() => rootSitemap(sitemapReader(db.prisma, NOW), testSite, 1));
    expect(indexTurns).toBeGreaterThanOrEqual(15);
    const walkTurns = await turnsDuring(() => childSitemap(sitemapReader(db.prisma, NOW, 1), 1, testSite, 4));
    expect(walkTurns).toBeGreaterThanOrEqual(11);
  });

  it("read the articles' status and dates from an index, never from the rows", async () => {
    // A row's status and dates follow its body in SQLite's record: reading them from the table read
    // every body (3-4 s at 100,000 articles). The shapes of the reader's queries:
    const nowMs = NOW.getTime();
    const queries = [
      // latestChange(null)
      `SELECT MAX("publishedAt"), MAX("updatedAt") FROM "Article" WHERE "status" = 'PUBLISHED' AND "publishedAt" <= ${nowMs}`,
      // latestChange(window)
      `SELECT MAX("publishedAt"), MAX("updatedAt") FROM (SELECT "publishedAt", "updatedAt" FROM "Article"
        WHERE "status" = 'PUBLISHED' AND "publishedAt" <= ${nowMs} ORDER BY "publishedAt" ASC, "id" ASC LIMIT 4 OFFSET 4)`,
      // the listings' walk
      `SELECT "id", "publishedAt", "updatedAt", "sectionId" FROM "Article" WHERE "status" = 'PUBLISHED'
        AND "publishedAt" <= ${nowMs} AND "id" > 3 ORDER BY "id" ASC LIMIT 2000`,
    ];
    for (const sql of queries) {
      const plan = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
      const reads = plan.map((step) => step.detail).filter((detail) => /\b(SCAN|SEARCH) Article\b/.test(detail));
      expect(reads, sql).toHaveLength(1);
      expect(reads[0], sql).toContain('USING COVERING INDEX');
    }
  });
});

describe('search on SQLite', () => {
  it('finds the hidden articles through index ranges, never a walk over the published ones', async () => {
    const { sql, values } = hiddenArticleIds(NOW.getTime());
    const plan = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...values);
    const reads = plan.map((step) => step.detail).filter((detail) => /\b(SCAN|SEARCH) Article\b/.test(detail));
    // Drafts and the unpublished (status below and above), the scheduled, the undated.
    expect(reads).toHaveLength(4);
    for (const read of reads) expect(read).toMatch(/COVERING INDEX .*\((status[<>]\?|status=\? AND publishedAt[>=]\?)\)$/);
  });
});
