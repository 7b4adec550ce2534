import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../postgres/cluster';
import { createMigration, deployMigrations, MigrateError, migrationStatus } from './index';
import { postgresSchemaFrom } from './postgres-schema';
import { projectRoot } from './target';
import {
  addMigration,
  checksums,
  copyMigrations,
  migrationFolders,
  NEWSLETTER_MODEL,
  runCli,
  tempDir,
  writeSchema,
} from '../../tests/support/migrations';

const SCHEMA = path.join(projectRoot, 'prisma/postgresql/schema.prisma');

type Row = { migration_name: string; checksum: string; finished_at: Date | null; logs: string | null };

describe('migrations on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let migrations: string;

  async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  /** A fresh database on the shared cluster, so each test starts from nothing. */
  async function freshDatabase(name: string): Promise<string> {
    await sql(cluster.url, `CREATE DATABASE "${name}"`);
    const url = new URL(cluster.url);
    url.pathname = `/${name}`;
    return url.toString();
  }

  const databases = async () =>
    (await sql<{ datname: string }>(cluster.url, 'SELECT datname FROM pg_database')).map((d) => d.datname);

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    dir = await tempDir('pg');
    migrations = await copyMigrations('prisma/postgresql/migrations', dir);
  });
  afterAll(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the committed migrations, re-runs as a no-op, and records sha256 checksums', async () => {
    const url = await freshDatabase('first');
    const committed = await migrationFolders(migrations);
    expect(await deployMigrations(url, { migrationsDir: migrations })).toEqual({ applied: committed });
    expect(await deployMigrations(url, { migrationsDir: migrations })).toEqual({ applied: [] });
    const rows = await sql<Row>(url, 'SELECT * FROM _prisma_migrations');
    expect(Object.fromEntries(rows.map((r) => [r.migration_name, r.checksum]))).toEqual(await checksums(migrations));
    const tables = await sql<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['Article', 'Redirect', '_prisma_migrations']),
    );
  });

  it('generates nothing without a schema change, and leaves no shadow database behind', async () => {
    const url = await freshDatabase('unchanged');
    const before = await migrationFolders(migrations);
    expect(await createMigration(url, 'nothing', { migrationsDir: migrations, schemaPath: SCHEMA })).toBeNull();
    expect(await migrationFolders(migrations)).toEqual(before);
    expect((await databases()).filter((name) => name.startsWith('prisma_migrate_shadow'))).toEqual([]);
  });

  it('generates and applies a second migration, one deploy of three concurrent ones applying it', async () => {
    const url = await freshDatabase('second');
    await deployMigrations(url, { migrationsDir: migrations });
    const source = (await readFile(path.join(projectRoot, 'prisma/schema.prisma'), 'utf8')) + NEWSLETTER_MODEL;
    const schema = await writeSchema(dir, postgresSchemaFrom(source));
    const created = await createMigration(url, 'newsletter', { migrationsDir: migrations, schemaPath: schema });
    expect(created?.name).toMatch(/^\d{14}_newsletter$/);
    expect(await readFile(created?.file ?? '', 'utf8')).toContain('CREATE TABLE "Newsletter"');
    expect((await databases()).filter((name) => name.startsWith('prisma_migrate_shadow'))).toEqual([]);

    // Three processes, as three app instances starting at once would be.
    const runs = await Promise.all([1, 2, 3].map(() => runCli(['deploy', '--migrations', migrations], url)));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const applied = runs.flatMap((r) => r.stdout.split('\n').filter((line) => line.startsWith('Applied ')));
    expect(applied).toEqual([`Applied ${created?.name}`]);
    const rows = await sql<Row>(url, 'SELECT migration_name, checksum FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name).sort()).toEqual(await migrationFolders(migrations));
    expect(Object.fromEntries(rows.map((r) => [r.migration_name, r.checksum]))).toEqual(await checksums(migrations));
    expect(await createMigration(url, 'again', { migrationsDir: migrations, schemaPath: schema })).toBeNull();
  });

  it('applies a migration with a $$ function body as one script', async () => {
    const fnDir = await mkdtemp(path.join(dir, 'fn-'));
    const withFunction = await copyMigrations('prisma/postgresql/migrations', fnDir);
    await addMigration(
      withFunction,
      '29990101000000_touch',
      `CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW."updatedAt" := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Article_touch" BEFORE UPDATE ON "Article" FOR EACH ROW EXECUTE FUNCTION touch();
`,
    );
    const url = await freshDatabase('function');
    expect((await deployMigrations(url, { migrationsDir: withFunction })).applied).toContain('29990101000000_touch');
    // Functions and triggers are not part of Prisma's diff: the next migration leaves them alone.
    expect(await createMigration(url, 'after_fn', { migrationsDir: withFunction, schemaPath: SCHEMA })).toBeNull();
  });

  it('records a failing migration as failed, rolled back as a whole, with a clear error', async () => {
    const failDir = await mkdtemp(path.join(dir, 'fail-'));
    const failing = await copyMigrations('prisma/postgresql/migrations', failDir);
    await addMigration(
      failing,
      '29990101000000_broken',
      'CREATE TABLE "Fine" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n',
    );
    const url = await freshDatabase('failing');
    const error = await deployMigrations(url, { migrationsDir: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as Error).message).toMatch(/29990101000000_broken failed: .*NoSuchTable/);
    const [row] = await sql<Row>(url, "SELECT * FROM _prisma_migrations WHERE migration_name LIKE '%broken'");
    expect(row?.finished_at).toBeNull();
    expect(row?.logs).toContain('NoSuchTable');
    // One script, one implicit transaction: the statement before the error did not stay.
    expect(await sql(url, "SELECT 1 FROM pg_tables WHERE tablename = 'Fine'")).toEqual([]);
    expect(await migrationStatus(url, { migrationsDir: failing })).toMatchObject({ failed: ['29990101000000_broken'] });
  });

  it('says which server is not answering', async () => {
    const error = await migrationStatus('postgresql://postgres@127.0.0.1:1/news').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as Error).message).toBe(
      'PostgreSQL at 127.0.0.1:1/news is not answering: is the server running, and is DATABASE_URL right?',
    );
  });
});
