import type { DiagnoseMigrationHistoryOutput } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { readMigrations } from './migrations-dir';
import { withEngine } from './session';
import { resolveTarget, type MigrateOptions } from './target';
import { NO_FILTER } from './filters';
import { toMigrateError } from './engine-errors';

export interface MigrationStatus {
  /** Migration folders, in the order they apply. */
  migrations: string[];
  /** In the folder, not yet applied to the database. */
  pending: string[];
  /** Recorded as failed: fix the database, then `resolve` them. */
  failed: string[];
  /** Applied, but their migration.sql changed since. */
  edited: string[];
  /** Applied to the database but missing from the folder. */
  unknown: string[];
  upToDate: boolean;
}

export async function migrationStatus(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrationStatus> {
  const target = resolveTarget(databaseUrl, options);
  const migrationsList = await readMigrations(target.migrationsDir, target.provider);
  const migrations = migrationsList.migrationDirectories.map((directory) => directory.path);
  const diagnosis = await withEngine(target, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
  ).catch((error: unknown) => {
    // On SQLite the engine fails with P1014 where there is no `_prisma_migrations` table yet,
    // instead of reporting an empty history: nothing has been applied.
    if ((error as { code?: string }).code === 'P1014') return neverMigrated(migrations);
    throw toMigrateError(error, target);
  });
  const history = diagnosis.history;
  const pending =
    history && history.diagnostic !== 'migrationsDirectoryIsBehind' ? history.unappliedMigrationNames : [];
  const unknown = history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];
  const failed = diagnosis.failedMigrationNames;
  const edited = diagnosis.editedMigrationNames;
  const upToDate = [pending, failed, edited, unknown].every((names) => names.length === 0);
  return { migrations, pending, failed, edited, unknown, upToDate };
}

function neverMigrated(migrations: string[]): DiagnoseMigrationHistoryOutput {
  return {
    editedMigrationNames: [],
    failedMigrationNames: [],
    hasMigrationsTable: false,
    history: migrations.length > 0 ? { diagnostic: 'databaseIsBehind', unappliedMigrationNames: migrations } : null,
  };
}
