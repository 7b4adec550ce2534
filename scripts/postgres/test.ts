// `npm run test:postgres`: the database-facing tests again, on PostgreSQL, with nothing to install
// (scripts/postgres/cluster.ts starts a throwaway cluster from the binaries npm brings, and stops it).
// 1. The data layer's unit tests (lib/data, lib/db) with TEST_DATABASE=postgresql.
// 2. The end-to-end specs that read through every query the site makes — reader, lists, search,
//    cms (the seed run by an editor) — with E2E_DATABASE=postgres. The full suite runs on SQLite
//    in `npm test`; on two cores, running it twice would double CI's longest step for little gain:
//    the other specs (accessibility, feeds, security headers, a dead SQLite file) do not depend
//    on the database dialect.
// Extra arguments replace the spec list, e.g. `npm run test:postgres -- search`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { CommandFailed, run, runTs } from '../lib/run';

const require = createRequire(import.meta.url);
// vitest's package exports hide its bin file; it sits beside package.json.
const VITEST = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

const UNIT_TESTS = ['lib/data', 'lib/db.test.ts'];
const E2E_SPECS = ['reader', 'lists', 'search', 'cms'];

async function main(): Promise<void> {
  const specs = process.argv.length > 2 ? process.argv.slice(2) : E2E_SPECS;
  await run(process.execPath, [VITEST, 'run', ...UNIT_TESTS], { env: { ...process.env, TEST_DATABASE: 'postgresql' } });
  await runTs('scripts/e2e.ts', specs, { env: { ...process.env, E2E_DATABASE: 'postgres' } });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof CommandFailed ? error.exitCode : 1);
});
