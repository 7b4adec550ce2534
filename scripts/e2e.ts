// `npm run test:e2e`: the Playwright suite against a production build, on a database of its own.
// Finds (or installs) Chromium, builds into .next-e2e when the sources changed, makes a fresh SQLite
// database and content folder under .tmp/e2e (E2E_WORK_DIR; the real content plus e2e/fixtures/content), then
// hands over to `playwright test` with any extra arguments (e.g. `npm run test:e2e -- reader`).
// E2E_DATABASE=postgres runs the same on a throwaway PostgreSQL cluster (scripts/postgres/cluster.ts),
// and stops the cluster afterwards.
//
// Both use the same build (.next-e2e): it holds nothing read from the database that a server would
// serve. Checked, not assumed: (1) pages are cached only by our handler
// (lib/cache/next-cache-handler.mjs), in the memory of the process, so what `next build` prerendered
// from its database is gone when the build ends, and a server starts with an empty cache (Next reads
// no prerendered file from disk with a custom handler: the one fallback, prerender-manifest's
// notFoundRoutes, is empty since every listed param exists); (2) every route with build-time params
// has dynamicParams = true, so the build's list of slugs limits nothing; (3) the database client is
// chosen at run time from DATABASE_URL (lib/db.ts), both dialects' clients are in every build.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeXssContent } from '../tests/support/e2e/xss-content';
import { ensureChromium } from './lib/browser';
import { buildIfNeeded } from './lib/build';
import { freePort } from './lib/free-port';
import { CommandFailed, runBin, runTs } from './lib/run';
import { startPostgresCluster, type PostgresCluster } from './postgres/cluster';

// Overridable so two suites can run side by side in one checkout.
const WORK_DIR = path.resolve(process.env.E2E_WORK_DIR || '.tmp/e2e');
const ON_POSTGRES = process.env.E2E_DATABASE === 'postgres';
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-e2e';

async function main(cluster: PostgresCluster | null): Promise<void> {
  const chromiumPath = await ensureChromium();
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const contentDir = path.join(WORK_DIR, 'content');
  cpSync('prisma/content', contentDir, { recursive: true });
  if (existsSync('e2e/fixtures/content')) cpSync('e2e/fixtures/content', contentDir, { recursive: true });
  writeXssContent(contentDir);

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: cluster?.url ?? `file:${path.join(WORK_DIR, 'news.db')}`,
    CONTENT_DIR: contentDir,
    REVALIDATE_SECRET: randomBytes(24).toString('base64url'),
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    CHROMIUM_PATH: chromiumPath,
  };

  await runTs('scripts/migrate.ts', ['deploy'], { env });
  await runTs('prisma/seed.ts', [], { env });
  const build = await buildIfNeeded(DIST_DIR, env);
  console.log(`Production build (${DIST_DIR}): ${build}. Browser: ${chromiumPath}.`);
  await runBin('@playwright/test/cli', ['test', ...process.argv.slice(2)], { env });
}

async function run(): Promise<void> {
  const cluster = ON_POSTGRES ? await startPostgresCluster() : null;
  try {
    await main(cluster);
  } finally {
    await cluster?.stop();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof CommandFailed ? error.exitCode : 1);
});
