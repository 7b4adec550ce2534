-- A plain ADD COLUMN rather than Prisma's table rebuild: rebuilding "Article" would drop the search
-- triggers (docs/decisions/002, Limits). Existing rows default to false; the seed sets the flag.
ALTER TABLE "Article" ADD COLUMN "publishedDateOnly" BOOLEAN NOT NULL DEFAULT false;
