import { readFile } from 'node:fs/promises';
import { readMigrations, writeMigration } from './migrations-dir';
import { withEngine } from './session';
import { resolveTarget, type MigrateOptions } from './target';
import { filtersFor } from './filters';
import { toMigrateError } from './engine-errors';
import { MigrateError } from './errors';

export interface CreateOptions extends MigrateOptions {
  /** Write an empty migration.sql, for hand-written SQL, whatever the schema says. */
  empty?: boolean;
}

/** The new migration's folder name and script path, or null when the schema has not changed. */
export type Created = { name: string; file: string } | null;

/**
 * Writes a migration taking the database from the state the existing migrations build (replayed
 * in a shadow database) to the state the Prisma schema describes. Applies nothing.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  options: CreateOptions = {},
): Promise<Created> {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new MigrateError(`Migration name "${name}" must use only letters, digits, "_" and "-"`);
  }
  const target = resolveTarget(databaseUrl, options);
  const migrationsList = await readMigrations(target.migrationsDir, target.provider);
  const schema = await readFile(target.schemaPath, 'utf8').catch(() => {
    throw new MigrateError(`Cannot read the Prisma schema at ${target.schemaPath}`);
  });
  const script = options.empty
    ? EMPTY_SCRIPT
    : await withEngine(target, (engine) =>
        // The WASM engine's createMigration gets no shadow database; diff does, and replays the
        // migrations there to learn the state they build.
        engine.diff({
          from: { tag: 'migrations', ...migrationsList },
          to: { tag: 'schemaDatamodel', files: [{ path: target.schemaPath, content: schema }] },
          script: true,
          exitCode: true,
          filters: filtersFor(migrationsList),
        }),
      ).then(
        (result) => (result.exitCode === 2 ? (result.stdout ?? '') : null),
        (error: unknown) => {
          throw toMigrateError(error, target);
        },
      );
  if (script === null) return null;
  const folder = `${timestamp(new Date())}_${name}`;
  const file = await writeMigration(target.migrationsDir, folder, script, target.provider);
  return { name: folder, file };
}

const EMPTY_SCRIPT = '-- This is an empty migration.\n';

/** UTC `YYYYMMDDHHMMSS`, the prefix Prisma gives migration folders so that they sort by age. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
