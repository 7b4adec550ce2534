import Database from 'better-sqlite3';
import { readMigrations } from './migrations-dir';
import { withEngine } from './session';
import { resolveTarget, type MigrateOptions } from './target';
import { NO_FILTER } from './filters';
import { toMigrateError } from './engine-errors';
import { MigrateError } from './errors';
import { migrationStatus } from './status';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-adapter';

/** Applies every migration not yet in `_prisma_migrations`, in name order. */
export async function deployMigrations(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const target = resolveTarget(databaseUrl, options);
  const migrationsList = await readMigrations(target.migrationsDir, target.provider);
  const { appliedMigrationNames } = await withEngine(target, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  ).catch(async (error: unknown) => {
    throw await explainFailure(toMigrateError(error, target), databaseUrl, options);
  });
  if (target.provider === 'sqlite') enableWriteAheadLog(target.location);
  return { applied: appliedMigrationNames };
}

// WAL is a property of the database file, so setting it once here lets the site read while the
// seed writes, whichever process opens the file next.
function enableWriteAheadLog(file: string): void {
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

// For a script that fails, the engine reports the database's error but not which migration it
// came from, nor the way out; the migrations table knows the first.
async function explainFailure(error: unknown, databaseUrl: string, options: MigrateOptions): Promise<unknown> {
  if (!(error instanceof MigrateError)) return error;
  const { failed } = await migrationStatus(databaseUrl, options).catch(() => ({ failed: [] as string[] }));
  const [first] = failed;
  if (!first) return error;
  const reported = error.message.includes('found failed migrations')
    ? error.message
    : `Migration ${failed.join(', ')} failed: ${error.message.replace(/^Migration \S+ failed: /, '')}`;
  const way = ` Fix the database by hand, then run: tsx scripts/migrate.ts resolve --rolled-back ${first}`;
  return new MigrateError(reported + way, { cause: error });
}
