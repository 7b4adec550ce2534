import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { deployMigrations } from '../../scripts/migrate/index';
import { createPrismaClient, type PrismaClient } from '../../lib/db';
import type { Prisma } from '../../lib/generated/prisma/client';

export interface TestDatabase {
  url: string;
  /** The SQLite file; empty on PostgreSQL (tests that open the file themselves are SQLite-only). */
  file: string;
  prisma: PrismaClient;
  /** Disconnects and deletes the database. */
  dispose(): Promise<void>;
}

/**
 * A fresh database with every migration applied: a SQLite file in its own temp folder, or, when
 * the run is on PostgreSQL (TEST_DATABASE=postgresql), a new database in the run's cluster.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE === 'postgresql') return createPostgresTestDatabase(inject('postgresUrl'));
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

async function createPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await deployMigrations(url);
  const prisma = createPrismaClient(url);
  return {
    url,
    file: '',
    prisma,
    async dispose() {
      await prisma.$disconnect();
      await onServer(serverUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client(serverUrl);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
