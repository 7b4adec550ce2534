import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { env, isPostgresUrl } from './env';
import { PrismaClient } from './generated/prisma/client';
import { sqliteFilePath } from './sqlite-file';

export function createPrismaClient(url: string = env.DATABASE_URL): PrismaClient {
  if (isPostgresUrl(url)) {
    throw new Error(
      'DATABASE_URL points at PostgreSQL, but this build of the site is generated for SQLite. ' +
        'See docs/decisions/001-sqlite-by-default.md.',
    );
  }
  // Integer milliseconds, like Prisma's native SQLite engine and the migrations table, so raw SQL
  // (search, scheduling) compares dates as numbers. better-sqlite3 waits up to 5 s on a lock, which
  // covers a seed writing while the site reads (the database runs in WAL mode, set by migrations).
  // fileMustExist: a mistyped path must fail loudly, not quietly create an empty database there.
  const adapter = new PrismaBetterSqlite3(
    { url: sqliteFilePath(url), timeout: 5000, fileMustExist: true },
    { timestampFormat: 'unixepoch-ms' },
  );
  return new PrismaClient({ adapter });
}

// One client per process. Next's dev server reloads modules, so the client lives on globalThis and
// is read back from there rather than created again.
const globalForPrisma = globalThis as typeof globalThis & { prisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}

/**
 * A sentence an operator can act on for the failures that mean "this database is not ready", or
 * null for anything else.
 */
export function describeDatabaseProblem(error: unknown, url: string): string | null {
  const where = isPostgresUrl(url) ? 'the PostgreSQL database' : `the SQLite database at ${sqliteFilePath(url)}`;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === 'P2021' || /no such table|does not exist in the current database/.test(text)) {
    return `${where} has no tables yet: run \`npm run db:migrate\` (or \`npm start\`, which also migrates).`;
  }
  if (code === 'SQLITE_CANTOPEN' || /unable to open database file|directory does not exist/i.test(text)) {
    return `${where} does not exist: check DATABASE_URL, or run \`npm run db:migrate\` to create it.`;
  }
  return null;
}

export type { PrismaClient };
