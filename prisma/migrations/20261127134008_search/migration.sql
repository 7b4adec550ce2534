-- Full-text search over articles (lib/data/search-sqlite.ts reads it).
--
-- An external-content FTS5 table: the text lives once, in "Article"; the index holds only tokens,
-- keyed by Article.id. Prisma cannot describe virtual tables, so the migration tool declares this
-- one external (scripts/migrate/filters.ts) and later schema diffs leave it alone.
--
-- Porter stemming over unicode61 lets "elections" find "election"; remove_diacritics 2 lets "cafe"
-- find "café". Column order matters: search-sqlite.ts weights and highlights columns by position.
CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
    headline,
    standfirst,
    bodyText,
    content = 'Article',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Every write to Article reaches the index through these triggers, whichever program writes (the
-- seed, a script, a SQL console), so the index cannot drift from the rows. An external-content
-- index removes a row by being told the old values ('delete'), which is why the old row is passed.
CREATE TRIGGER "ArticleSearch_after_insert" AFTER INSERT ON "Article" BEGIN
    INSERT INTO "ArticleSearch" (rowid, headline, standfirst, bodyText)
    VALUES (new."id", new."headline", new."standfirst", new."bodyText");
END;

CREATE TRIGGER "ArticleSearch_after_delete" AFTER DELETE ON "Article" BEGIN
    INSERT INTO "ArticleSearch" ("ArticleSearch", rowid, headline, standfirst, bodyText)
    VALUES ('delete', old."id", old."headline", old."standfirst", old."bodyText");
END;

-- Only the indexed columns: a seed run that changes a status or a date does not rewrite the index.
CREATE TRIGGER "ArticleSearch_after_update" AFTER UPDATE OF "id", "headline", "standfirst", "bodyText" ON "Article" BEGIN
    INSERT INTO "ArticleSearch" ("ArticleSearch", rowid, headline, standfirst, bodyText)
    VALUES ('delete', old."id", old."headline", old."standfirst", old."bodyText");
    INSERT INTO "ArticleSearch" (rowid, headline, standfirst, bodyText)
    VALUES (new."id", new."headline", new."standfirst", new."bodyText");
END;

-- Articles written before this migration.
INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('rebuild');
