-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "minorChange" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "minorChange" BOOLEAN NOT NULL DEFAULT false;
