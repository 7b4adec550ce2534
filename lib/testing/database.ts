import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployMigrations } from '../../scripts/migrate/index';
import { createPrismaClient, type PrismaClient } from '../db';

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
