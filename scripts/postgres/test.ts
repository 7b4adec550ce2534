// `npm run test:postgres`: the unit and end-to-end suites again, whole, on PostgreSQL, with nothing
// to install (scripts/postgres/cluster.ts starts throwaway clusters from the binaries npm brings, and
// stops them).
// 1. Every unit test with TEST_DATABASE=postgresql: each test that needs a database gets a fresh one
//    in the run's cluster from the test support (tests/support/database.ts, tests/support/server/site.ts).
// 2. Every end-to-end spec with E2E_DATABASE=postgres: the site, the seed and every page on a cluster.
//
// Left out, because they do not use the run's database and so would only repeat `npm test` exactly:
// - about SQLite itself, on SQLite files of their own: the migration runner on a SQLite file and
//   beside busy readers and writers (scripts/migrate/sqlite*.test.ts), a missing SQLite file
//   (e2e/dead-database.spec.ts), a SQLite file taken away under a running site
//   (e2e/reliability-database-gone.spec.ts), and a seed under reader load meeting no SQLITE_BUSY
//   (e2e/reliability-seed-load.spec.ts), and the seed letting go of what the SQLite driver
//   adapter's copy of Prisma's debug history holds (scripts/lib/prisma-debug-history.test.ts: the
//   PostgreSQL adapter keeps a copy of its own, which the seed cannot reach);
// - about PostgreSQL already, on clusters of their own that `npm test` starts too: the migration
//   runner on PostgreSQL (scripts/migrate/postgres.test.ts), read replicas
//   (scripts/postgres/replicas.test.ts), PostgreSQL stopped under load (server/postgres-outage.test.ts) and
//   clusters left behind by a killed run (scripts/postgres/abandoned.test.ts).
//
// The end-to-end run uses the production build `npm test` made (.next-e2e): a build holds nothing
// read from the database at run time (see scripts/e2e.ts), so building again for PostgreSQL would
// only cost CI a build.
//
// Arguments: `--unit` or `--e2e` runs one half; anything else replaces the spec list
// (e.g. `npm run test:postgres -- --e2e search`).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CommandFailed, run, runTs } from '../lib/run';

const require = createRequire(import.meta.url);
// vitest's package exports hide its bin file; it sits beside package.json.
const VITEST = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

const UNIT_NOT_ON_POSTGRES = [
  'scripts/migrate/sqlite.test.ts',
  'scripts/migrate/sqlite-busy.test.ts',
  'scripts/lib/prisma-debug-history.test.ts',
  'scripts/migrate/postgres.test.ts',
  'scripts/postgres/replicas.test.ts',
  'server/postgres-outage.test.ts',
  'scripts/postgres/abandoned.test.ts',
  'lib/data/sqlite-reads.test.ts',
];
const E2E_NOT_ON_POSTGRES = ['dead-database', 'reliability-database-gone', 'reliability-seed-load'];

function seconds(since: number): string {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unitOnly = args.includes('--unit');
  const e2eOnly = args.includes('--e2e');
  const specs = args.filter((arg) => !arg.startsWith('--'));
  if (!e2eOnly) {
    const started = Date.now();
    const excludes = UNIT_NOT_ON_POSTGRES.flatMap((file) => ['--exclude', file]);
    await run(process.execPath, [VITEST, 'run', ...excludes], { env: { ...process.env, TEST_DATABASE: 'postgresql' } });
    console.log(`Unit tests on PostgreSQL took ${seconds(started)}.`);
  }
  if (!unitOnly) {
    const started = Date.now();
    // Playwright takes file patterns, and none that leaves files out: name the kept ones.
    await runTs('scripts/e2e.ts', specs.length ? specs : keptSpecs(), {
      env: { ...process.env, E2E_DATABASE: 'postgres' },
    });
    console.log(`End-to-end tests on PostgreSQL took ${seconds(started)}.`);
  }
}

/** Every spec file in e2e/ but the SQLite-only ones, as Playwright file patterns. */
function keptSpecs(): string[] {
  return readdirSync('e2e')
    .filter((name) => name.endsWith('.spec.ts'))
    .filter((name) => !E2E_NOT_ON_POSTGRES.includes(name.replace(/\.spec\.ts$/, '')))
    .map((name) => `e2e/${name}`)
    .sort();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof CommandFailed ? error.exitCode : 1);
});
