import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigration, deployMigrations, MigrateError, migrationStatus, resolveMigration } from './index';
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

const SCHEMA = path.join(projectRoot, 'prisma/schema.prisma');

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

type Row = {
  migration_name: string;
  checksum: string;
  finished_at: number | null;
  logs: string | null;
  rolled_back_at: number | null;
};

describe('migrations on SQLite', () => {
  let dir: string;
  let migrations: string;
  let url: string;
  let file: string;

  beforeAll(async () => {
    dir = await tempDir('sqlite');
    migrations = await copyMigrations('prisma/migrations', dir);
    // A folder that does not exist yet: deploy must create it.
    file = path.join(dir, 'data', 'news.db');
    url = `file:${file}`;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('applies the committed migrations to a fresh file, then has nothing more to apply', async () => {
    const committed = await migrationFolders(migrations);
    expect(await deployMigrations(url, { migrationsDir: migrations })).toEqual({ applied: committed });
    expect(await deployMigrations(url, { migrationsDir: migrations })).toEqual({ applied: [] });
    const tables = query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table'").map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['Article', 'Section', 'Redirect', '_prisma_migrations']));
    expect(query<{ journal_mode: string }>(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('reports every migration as pending on a database never migrated', async () => {
    const fresh = `file:${path.join(dir, 'fresh.db')}`;
    const status = await migrationStatus(fresh, { migrationsDir: migrations });
    expect(status).toMatchObject({ upToDate: false, pending: await migrationFolders(migrations) });
  });

  it('writes nothing when the schema has not changed', async () => {
    const before = await migrationFolders(migrations);
    expect(await createMigration(url, 'nothing', { migrationsDir: migrations, schemaPath: SCHEMA })).toBeNull();
    expect(await migrationFolders(migrations)).toEqual(before);
  });

  it('generates a second migration from a schema change and applies it cleanly', async () => {
    const schema = await writeSchema(dir, (await readFile(SCHEMA, 'utf8')) + NEWSLETTER_MODEL);
    const created = await createMigration(url, 'newsletter', { migrationsDir: migrations, schemaPath: schema });
    expect(created?.name).toMatch(/^\d{14}_newsletter$/);
    expect(await readFile(created?.file ?? '', 'utf8')).toContain('CREATE TABLE "Newsletter"');
    expect(await deployMigrations(url, { migrationsDir: migrations })).toEqual({ applied: [created?.name] });
    expect(await createMigration(url, 'again', { migrationsDir: migrations, schemaPath: schema })).toBeNull();
    expect(await migrationStatus(url, { migrationsDir: migrations })).toMatchObject({ upToDate: true, pending: [] });
  });

  it("records each migration with its file's sha256 and integer timestamps", async () => {
    const rows = query<Row>(file, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    const sums = await checksums(migrations);
    expect(Object.fromEntries(rows.map((r) => [r.migration_name, r.checksum]))).toEqual(sums);
    for (const row of rows) expect(Number.isInteger(row.finished_at)).toBe(true);
  });

  it('keeps hand-written FTS5 tables out of the next diff', async () => {
    await addMigration(
      migrations,
      '29990101000000_search',
      `CREATE VIRTUAL TABLE "TagSearch" USING fts5(name, content='Tag', content_rowid='id');
CREATE TRIGGER "TagSearch_after_insert" AFTER INSERT ON "Tag" BEGIN
  INSERT INTO "TagSearch"(rowid, name) VALUES (new.id, new.name);
END;
`,
    );
    expect(await deployMigrations(url, { migrationsDir: migrations })).toEqual({ applied: ['29990101000000_search'] });
    const schema = await writeSchema(dir, (await readFile(SCHEMA, 'utf8')) + NEWSLETTER_MODEL);
    expect(await createMigration(url, 'after_search', { migrationsDir: migrations, schemaPath: schema })).toBeNull();
    // A real change next to the FTS tables is still found, and touches only what changed.
    const wider = await writeSchema(
      dir,
      (await readFile(schema, 'utf8')).replace('email String @unique', 'email String @unique\n  name String?'),
    );
    const created = await createMigration(url, 'newsletter_name', { migrationsDir: migrations, schemaPath: wider });
    const sql = await readFile(created?.file ?? '', 'utf8');
    expect(sql).toContain('"Newsletter"');
    expect(sql).not.toMatch(/Search/);
  });

  it('writes an empty migration for hand-written SQL with --empty', async () => {
    const created = await createMigration(url, 'by_hand', {
      migrationsDir: migrations,
      schemaPath: SCHEMA,
      empty: true,
    });
    expect(await readFile(created?.file ?? '', 'utf8')).toBe('-- This is an empty migration.\n');
  });

  it('records a failing migration as failed, and the CLI exits non-zero with a one-line message', async () => {
    const failDir = await mkdtemp(path.join(dir, 'fail-'));
    const failing = await copyMigrations('prisma/migrations', failDir);
    await addMigration(
      failing,
      '29990101000000_broken',
      'CREATE TABLE "Fine" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n',
    );
    const failUrl = `file:${path.join(failDir, 'fail.db')}`;

    const error = await deployMigrations(failUrl, { migrationsDir: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as Error).message).toContain('29990101000000_broken');
    const [row] = query<Row>(
      path.join(failDir, 'fail.db'),
      "SELECT * FROM _prisma_migrations WHERE migration_name LIKE '%broken'",
    );
    expect(row).toMatchObject({ finished_at: null, rolled_back_at: null });
    expect(row?.logs).toContain('NoSuchTable');

    const cli = await runCli(['deploy', '--migrations', failing], failUrl);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toMatch(/^Error: .*29990101000000_broken/);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('resolve --rolled-back 29990101000000_broken');
    expect(await migrationStatus(failUrl, { migrationsDir: failing })).toMatchObject({
      failed: ['29990101000000_broken'],
      upToDate: false,
    });
    // Fixed by hand: rolled back, the corrected migration then applies.
    await resolveMigration(failUrl, '29990101000000_broken', 'rolled-back', { migrationsDir: failing });
    await writeFile(
      path.join(failing, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE "Fine2" ("id" INTEGER);\n',
    );
    expect(await deployMigrations(failUrl, { migrationsDir: failing })).toEqual({ applied: ['29990101000000_broken'] });
  });
});
