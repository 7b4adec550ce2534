import { readMigrations } from './migrations-dir';
import { withEngine } from './session';
import { resolveTarget, type MigrateOptions } from './target';
import { toMigrateError } from './engine-errors';

/**
 * Settles a failed migration once the database has been fixed by hand: `rolled-back` lets deploy
 * apply it again, `applied` records it as done. The row stays in `_prisma_migrations` as history.
 */
export async function resolveMigration(
  databaseUrl: string,
  migrationName: string,
  as: 'applied' | 'rolled-back',
  options: MigrateOptions = {},
): Promise<void> {
  const target = resolveTarget(databaseUrl, options);
  const migrationsList = await readMigrations(target.migrationsDir, target.provider);
  await withEngine(target, async (engine) => {
    if (as === 'applied') await engine.markMigrationApplied({ migrationName, migrationsList });
    else await engine.markMigrationRolledBack({ migrationName });
  }).catch((error: unknown) => {
    throw toMigrateError(error, target);
  });
}
