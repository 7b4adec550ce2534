-- DropIndex
DROP INDEX "Article_status_publishedAt_idx";

-- CreateIndex
CREATE INDEX "Article_status_publishedAt_id_updatedAt_idx" ON "Article"("status", "publishedAt", "id", "updatedAt");

-- CreateIndex
CREATE INDEX "Article_status_id_publishedAt_updatedAt_sectionId_idx" ON "Article"("status", "id", "publishedAt", "updatedAt", "sectionId");
