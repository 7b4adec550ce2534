import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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
  /**
   * A hash of everything the database holds, to show a failed seed wrote nothing. On SQLite: the
   * file's bytes (and its write-ahead log), byte for byte. On PostgreSQL, which has no one file: every
   * table's rows in a fixed order. Not sequences: PostgreSQL never rolls back a `nextval`, so a rolled-
   * back insert moves them although no row was written. The client is disconnected first,
   * so nothing pending hides anywhere; the next query reconnects.
   */
  snapshot(): Promise<string>;
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
    async snapshot() {
      await prisma.$disconnect();
      const hash = createHash('sha256').update(readFileSync(file));
      if (existsSync(`${file}-wal`)) hash.update(readFileSync(`${file}-wal`));
      return hash.digest('hex');
    },
    async dispose() {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const database = await createPostgresDatabase(serverUrl);
  const { url } = database;
  await deployMigrations(url);
  const prisma = createPrismaClient(url);
  return {
    url,
    file: '',
    prisma,
    async snapshot() {
      await prisma.$disconnect();
      return postgresSnapshot(url);
    },
    async dispose() {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

export interface PostgresDatabase {
  url: string;
  name: string;
  /** Connections to this database still open (pg_stat_activity), e.g. to see a server closed its pool. */
  openConnections(): Promise<number>;
  /** Drops it, closing whatever still holds a connection. */
  drop(): Promise<void>;
}

/** An empty database of its own in the test run's PostgreSQL cluster (or the cluster at serverUrl). */
export async function createPostgresDatabase(serverUrl: string = inject('postgresUrl')): Promise<PostgresDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  return {
    url,
    name,
    async openConnections() {
      const [row] = await onServer<{ count: string }>(
        serverUrl,
        `SELECT count(*) AS count FROM pg_stat_activity WHERE datname = '${name}'`,
      );
      return Number(row?.count ?? 0);
    },
    drop: async () => void (await onServer(serverUrl, `DROP DATABASE ${name} WITH (FORCE)`)),
  };
}

async function onServer<T extends pg.QueryResultRow = pg.QueryResultRow>(serverUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client(serverUrl);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every table's rows, each as its text form, sorted, hashed. */
async function postgresSnapshot(url: string): Promise<string> {
  const tables = await onServer<{ name: string }>(
    url,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const hash = createHash('sha256');
  for (const { name } of tables) {
    const [row] = await onServer<{ rows: string | null }>(
      url,
      `SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS rows FROM "${name}" t`,
    );
    hash.update(`${name}\0${row?.rows ?? ''}\0`);
  }
  return hash.digest('hex');
}

/**
 * Makes the database itself refuse to insert the Article with this key, as a constraint added by a
 * later migration would: a trigger that aborts with `message`. Tests use it to fail a seed half-way.
 */
export async function refuseArticleInsert(db: TestDatabase, key: string, message: string): Promise<void> {
  await db.prisma.$disconnect();
  if (db.file) {
    const raw = new Database(db.file);
    raw.exec(`CREATE TRIGGER refuse_insert BEFORE INSERT ON Article WHEN NEW.key = '${key}'
      BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    raw.close();
    return;
  }
  await onServer(
    db.url,
    `CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '${message}'; END $$;
     CREATE TRIGGER refuse_insert BEFORE INSERT ON "Article" FOR EACH ROW WHEN (NEW.key = '${key}')
       EXECUTE FUNCTION refuse_insert();`,
  );
}

/** One section (`world`), author (`ada`) and tag (`trade`), each with id 1, for articles to point at. */
export async function createSectionAuthorTag(db: TestDatabase): Promise<void> {
  await db.prisma.section.createMany({ data: [{ id: 1, slug: 'world', name: 'World' }] });
  await db.prisma.author.createMany({ data: [{ id: 1, slug: 'ada', name: 'Ada' }] });
  await db.prisma.tag.createMany({ data: [{ id: 1, slug: 'trade', name: 'Trade' }] });
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
