import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { env, isPostgresUrl } from './env';
import { PrismaClient } from './generated/prisma/client';

/** Absolute path of a SQLite `file:` URL, resolved against the working directory like Prisma does. */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''));
}

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
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5000 }, { timestampFormat: 'unixepoch-ms' });
  return new PrismaClient({ adapter });
}

// One client per process. Next's dev server reloads modules, so the client lives on globalThis and
// is read back from there rather than created again.
const globalForPrisma = globalThis as typeof globalThis & { prisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}

export type { PrismaClient };
