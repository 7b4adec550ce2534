-- Written by hand: Prisma would rebuild "Article" as new_Article, which drops the search triggers
-- (docs/decisions/002). Appending a column with a default keeps the table, its rows and triggers.
ALTER TABLE "Article" ADD COLUMN "minorChange" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Revision" ADD COLUMN "minorChange" BOOLEAN NOT NULL DEFAULT false;
