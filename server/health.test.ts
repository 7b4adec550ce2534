import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../lib/db';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { checkDatabase, expectedMigrations } from './health';
import { PROJECT_DIR } from '../tests/support/server/site';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database?.dispose());

describe('checkDatabase (the readiness behind /healthz)', () => {
  it('is ready on a database with every migration of the checkout applied', async () => {
    const expected = expectedMigrations(PROJECT_DIR, database.url);
    expect(expected.length).toBeGreaterThan(0);
    expect(await checkDatabase(database.prisma, expected)).toBeNull();
  });

  it('is not ready when the checkout has a migration the database lacks', async () => {
    const expected = [...expectedMigrations(PROJECT_DIR, database.url), '29991231000000_from_the_next_deploy'];
    expect(await checkDatabase(database.prisma, expected)).toBe('1 migration(s) not applied');
  });

  it('is not ready when the database cannot be opened', async () => {
    const missing = createPrismaClient(
      database.file
        ? `file:${path.join(path.dirname(database.file), 'missing', 'news.db')}`
        : Object.assign(new URL(database.url), { pathname: '/no_such_database' }).toString(),
    );
    expect(await checkDatabase(missing, [])).toBe('database unreachable');
  });
});
