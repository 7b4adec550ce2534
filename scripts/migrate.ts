// The project's migration command, on Prisma's schema engine compiled to WASM, because Prisma's
// own `migrate` needs a native engine that cannot be downloaded here. See
// docs/decisions/002-offline-migrations.md.
import './lib/load-env';
import path from 'node:path';
import {
  createMigration,
  deployMigrations,
  MigrateError,
  migrationStatus,
  resolveMigration,
  type MigrateOptions,
} from './migrate/index';
import { syncPostgresSchema } from './migrate/postgres-schema';

const USAGE = `Usage: tsx scripts/migrate.ts <command> [--schema <file>] [--migrations <folder>]
  deploy                apply pending migrations to DATABASE_URL
  new <name> [--empty]  write a migration from the schema changes (--empty: for hand-written SQL)
  status                list pending, failed and edited migrations
  resolve --rolled-back <name> | --applied <name>
                        settle a failed migration after fixing the database by hand
  sync-schemas          regenerate prisma/postgresql/schema.prisma from prisma/schema.prisma`;

/** `--schema` and `--migrations` override the provider's defaults (tests point them at copies). */
function parseArgs(args: string[]): { positional: string[]; flags: Set<string>; options: MigrateOptions } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options: MigrateOptions = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--schema' || arg === '--migrations') {
      const value = args[(i += 1)];
      if (!value) throw new MigrateError(`${arg} needs a path`);
      options[arg === '--schema' ? 'schemaPath' : 'migrationsDir'] = path.resolve(value);
    } else if (arg.startsWith('--')) flags.add(arg);
    else positional.push(arg);
  }
  return { positional, flags, options };
}

async function run(args: string[]): Promise<number> {
  const { positional, flags, options } = parseArgs(args);
  const [command, name] = positional;
  const url = await databaseUrl();
  switch (command) {
    case 'deploy': {
      const { applied } = await deployMigrations(url, options);
      if (applied.length === 0) console.log('Database is up to date');
      for (const name of applied) console.log(`Applied ${name}`);
      return 0;
    }
    case 'new': {
      if (!name) throw new MigrateError('Missing migration name: tsx scripts/migrate.ts new <name> [--empty]');
      const created = await createMigration(url, name, { ...options, empty: flags.has('--empty') });
      console.log(created ? `Created ${created.file}` : 'No schema changes');
      return 0;
    }
    case 'status': {
      const status = await migrationStatus(url, options);
      console.log(`${status.migrations.length} migrations in the folder`);
      const lines: [string, string[]][] = [
        ['Pending', status.pending],
        ['Failed', status.failed],
        ['Edited after being applied', status.edited],
        ['Applied but missing from the folder', status.unknown],
      ];
      for (const [label, names] of lines) if (names.length > 0) console.log(`${label}: ${names.join(', ')}`);
      if (status.upToDate) console.log('Database is up to date');
      return status.upToDate ? 0 : 1;
    }
    case 'resolve': {
      const as = flags.has('--applied') ? 'applied' : flags.has('--rolled-back') ? 'rolled-back' : null;
      if (!as || !name)
        throw new MigrateError('Usage: tsx scripts/migrate.ts resolve --rolled-back <name> | --applied <name>');
      await resolveMigration(url, name, as, options);
      console.log(`Marked ${name} as ${as}`);
      return 0;
    }
    case 'sync-schemas': {
      const { file, changed } = await syncPostgresSchema();
      console.log(changed ? `Wrote ${file}` : `${file} is up to date`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

// Imported here, not at the top, so that a bad variable is reported like any other expected error.
async function databaseUrl(): Promise<string> {
  try {
    const { env } = await import('../lib/env');
    return env.DATABASE_URL;
  } catch (error) {
    throw new MigrateError((error as Error).message.replace(/\n\s*/g, ' '));
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof MigrateError ? `Error: ${error.message}` : error);
    // Exit now: an engine timer or a half-closed pool would otherwise hold the process open.
    process.exit(1);
  },
);
