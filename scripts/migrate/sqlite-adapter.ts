import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { acquireMigrationLock } from './sqlite-lock';

/**
 * How long a migration statement waits for a writer (a seed, the site's own writes) to let go of the
 * database. A seed's transaction takes seconds at most; past this the failure is reported in plain
 * words (engine-errors.ts).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 30_000;

/**
 * The better-sqlite3 adapter, adjusted for the schema engine. The shadow database (used to replay
 * migrations when generating a new one) is an in-memory database. A connection to the real file
 * holds the migration lock (sqlite-lock.ts) until it is disposed.
 */
export function sqliteAdapterFactory(filePath: string): SqlMigrationAwareDriverAdapterFactory {
  // Integer milliseconds in `_prisma_migrations`, as the native engine writes them.
  const base = new PrismaBetterSqlite3(
    { url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS },
    { timestampFormat: 'unixepoch-ms' },
  );
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => {
      const release = await acquireMigrationLock(filePath);
      try {
        return releasing(forMigrations(await base.connect()), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    connectToShadowDb: async () => forMigrations(await base.connectToShadowDb()),
  };
}

function releasing(adapter: SqlDriverAdapter, release: () => void): SqlDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    try {
      await dispose();
    } finally {
      release();
    }
  };
  return adapter;
}

// The engine's first statement on SQLite switches the connection to exclusive locking. On a WAL
// database that lock needs every other connection closed, so while a site was reading, every
// migration failed after the busy timeout (as SQLITE_BUSY, which the adapter reports as a kind the
// engine cannot even decode: "unknown variant SocketTimeout"). Normal locking is what WAL is for:
// readers carry on, and migrators take turns through the migration lock instead.
const EXCLUSIVE_LOCKING = /^\s*PRAGMA\s+(main\.)?locking_mode\s*=\s*EXCLUSIVE\s*;?\s*$/i;

// The engine also replays whole migration files through executeRaw, and better-sqlite3 refuses to
// prepare more than one statement at a time; such a script goes through executeScript instead.
function forMigrations(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && EXCLUSIVE_LOCKING.test(query.sql)) return 0;
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isMultiStatementError(error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

function isMultiStatementError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('contains more than one statement');
}
