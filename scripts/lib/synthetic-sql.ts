import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// For `npm run bench` at sizes the seed would take too long to write (100,000 articles: the seed
// imports ~126 articles/s today, issue 13). A database seeded the ordinary way with a small corpus
// is copied and its published articles are cloned with plain SQL until the table holds `count`
// rows: each copy gets its own key and slug (`-c<k>`), a publication time k hours earlier (so lists
// interleave copies and originals), the same section, authors and tags. The full-text index is
// filled by the table's own triggers, as for any other write. Such a database is served without a
// seed run (the seed would unpublish every article that has no file). The result is kept under
// the bench's work dir, keyed by size and by the migrations it was built on, and reused.

/** The migrations folder's names and SQL, hashed: a database built on other migrations is rebuilt. */
export function schemaHash(migrationsDir = 'prisma/migrations'): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, name, 'migration.sql');
    hash.update(name).update('\0');
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Makes (or reuses) `target`, a copy of the seeded `base` database grown to `count` articles.
 * Returns how long it took, 0 when reused.
 */
export function cloneCorpusDatabase(base: string, target: string, count: number): number {
  const stamp = `${target}.complete`;
  const key = `${count} ${schemaHash()} ${readFileSync(base).length} v2`;
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return 0;
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm', '.complete']) rmSync(`${target}${suffix}`, { force: true });
  // The base database may have a write-ahead log beside it: checkpoint it first so the copy is whole.
  const source = new Database(base);
  source.pragma('wal_checkpoint(TRUNCATE)');
  source.close();
  copyFileSync(base, target);

  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const originals = db
    .prepare(`SELECT "id" FROM "Article" WHERE "status" = 'PUBLISHED' ORDER BY "id"`)
    .pluck()
    .all() as number[];
  const total = () => db.prepare('SELECT count(*) FROM "Article"').pluck().get() as number;
  if (originals.length === 0) throw new Error(`${base} has no published article to clone`);
  const columns = (
    db
      .prepare(`SELECT name FROM pragma_table_info('Article') WHERE name NOT IN ('id', 'key', 'slug', 'publishedAt')`)
      .pluck()
      .all() as string[]
  )
    .map((name) => `"${name}"`)
    .join(', ');
  const cloneArticles = db.prepare(
    `INSERT INTO "Article" ("key", "slug", "publishedAt", ${columns})
     SELECT "key" || '-c' || @k, "slug" || '-c' || @k, "publishedAt" - @k * 3600000, ${columns}
     FROM "Article" WHERE "id" IN (SELECT value FROM json_each(@ids))`,
  );
  const cloneLinks = db.prepare(
    `INSERT INTO "ArticleAuthor" ("articleId", "authorId", "position")
     SELECT c."id", aa."authorId", aa."position" FROM "ArticleAuthor" aa
     JOIN "Article" o ON o."id" = aa."articleId" JOIN "Article" c ON c."key" = o."key" || '-c' || @k
     WHERE o."id" IN (SELECT value FROM json_each(@ids))`,
  );
  const cloneTags = db.prepare(
    `INSERT INTO "ArticleTag" ("articleId", "tagId")
     SELECT c."id", t."tagId" FROM "ArticleTag" t
     JOIN "Article" o ON o."id" = t."articleId" JOIN "Article" c ON c."key" = o."key" || '-c' || @k
     WHERE o."id" IN (SELECT value FROM json_each(@ids))`,
  );
  // BigInt: better-sqlite3 binds a JS number as a double, and '-c' || 1.0 would make slug '-c1.0'.
  for (let k = 1n; total() < count; k++) {
    const ids = JSON.stringify(originals.slice(0, count - total()));
    db.transaction(() => {
      cloneArticles.run({ k, ids });
      cloneLinks.run({ k, ids });
      cloneTags.run({ k, ids });
    })();
  }
  // Servers follow ContentState.version (server/content-watch.ts): this is a new content state.
  db.prepare(`UPDATE "ContentState" SET "version" = "version" + 1, "changedAt" = ?`).run(Date.now());
  db.pragma('optimize');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(stamp, key);
  return Date.now() - started;
}
