import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployMigrations } from '../../scripts/migrate/index';
import { createPrismaClient, type PrismaClient } from '../../lib/db';
import type { Prisma } from '../../lib/generated/prisma/client';

export interface TestDatabase {
  url: string;
  file: string;
  prisma: PrismaClient;
  /** Disconnects and deletes the database's folder. */
  dispose(): Promise<void>;
}

/** A fresh SQLite file in its own temp folder, with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'news-test-'));
  const file = path.join(dir, 'news.db');
  const url = `file:${file}`;
  await deployMigrations(url);
  const prisma = createPrismaClient(url);
  return {
    url,
    file,
    prisma,
    async dispose() {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The fields of a published article row for data-layer tests; the seed normally derives them.
 * `fields` overrides any of them (status, dates, section…).
 */
export function articleRow(
  slug: string,
  publishedAt: Date,
  fields: Partial<Prisma.ArticleUncheckedCreateInput> = {},
): Prisma.ArticleUncheckedCreateInput {
  const bodyText = fields.bodyText ?? 'Body';
  return {
    key: slug,
    slug,
    headline: `Headline of ${slug}`,
    body: bodyText,
    bodyHtml: `<p>${bodyText}</p>`,
    bodyText,
    status: 'PUBLISHED',
    publishedAt,
    updatedAt: publishedAt,
    contentHash: slug,
    sectionId: 1,
    ...fields,
  };
}
