-- AlterTable
ALTER TABLE "Article" ADD COLUMN "sourceHash" TEXT;
