import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * The better-sqlite3 adapter, adjusted for the schema engine. The shadow database (used to replay
 * migrations when generating a new one) is an in-memory database.
 */
export function sqliteAdapterFactory(filePath: string): SqlMigrationAwareDriverAdapterFactory {
  // Integer milliseconds in `_prisma_migrations`, as the native engine writes them; a 5 s busy
  // timeout lets concurrent deploys wait for each other's lock instead of failing at once.
  const base = new PrismaBetterSqlite3({ url: filePath, timeout: 5000 }, { timestampFormat: 'unixepoch-ms' });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => acceptScripts(await base.connect()),
    connectToShadowDb: async () => acceptScripts(await base.connectToShadowDb()),
  };
}

// The engine replays whole migration files through executeRaw, and better-sqlite3 refuses to
// prepare more than one statement at a time; such a script goes through executeScript instead.
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
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
