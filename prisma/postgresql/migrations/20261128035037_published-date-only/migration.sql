-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "publishedDateOnly" BOOLEAN NOT NULL DEFAULT false;
