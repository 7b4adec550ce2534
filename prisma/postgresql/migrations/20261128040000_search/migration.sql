-- Full-text search over articles (lib/data/search-postgres.ts reads it), the twin of the SQLite
-- FTS5 migration: the same columns, the same word matching, the same weights' order.

-- "cafe" finds "café": accents are folded by unaccent (a contrib extension shipped with PostgreSQL).
CREATE EXTENSION IF NOT EXISTS unaccent;

-- English stemming ("elections" finds "election") without a stop-word list: FTS5's porter
-- tokenizer drops no words, so "the" or "and" typed by a reader must count here too.
CREATE TEXT SEARCH DICTIONARY news_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION news (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION news
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
    WITH unaccent, news_stem;

-- A generated column: PostgreSQL keeps it in step with every write, whichever program writes.
-- Weights: headline A, standfirst B, body C (ts_rank counts A most). The two-argument to_tsvector
-- with a fixed configuration is immutable, as a generated column requires.
ALTER TABLE "Article" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('news'::regconfig, "headline"), 'A') ||
    setweight(to_tsvector('news'::regconfig, coalesce("standfirst", '')), 'B') ||
    setweight(to_tsvector('news'::regconfig, "bodyText"), 'C')
) STORED;

CREATE INDEX "Article_search_idx" ON "Article" USING GIN ("search");
