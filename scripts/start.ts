// `npm start`: everything a fresh checkout needs to serve the site, each step skipped when there is
// nothing to do: local secret, migrations, seed, production build, then the site's own server
// (server/main.ts) in this same process, so a stop signal sent to `npm start` stops all of it.
import '../server/source-maps'; // first: before Next and Prisma load (server/source-maps.ts)
import './lib/load-env';
import type { RunningServer } from '../server/main';
import { stopOnSignals } from '../server/shutdown';
import { buildIfNeeded } from './lib/build';
import { ensureSecretInEnvFile } from './lib/env-file';
import { CommandFailed, run, runTs, stopRunning } from './lib/run';

const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const ENV_FILE = '.env.local';

/**
 * The operators' routes under /api/ (drop every instance's cached pages, cache sizes) need a shared
 * secret. On a machine where the operator has not set one, make one and keep it in .env.local.
 */
function ensureRevalidateSecret(): void {
  const created = ensureSecretInEnvFile(
    ENV_FILE,
    'REVALIDATE_SECRET',
    "Made by npm start: guards the operators' routes under /api/.",
  );
  if (created) console.log(`Created REVALIDATE_SECRET in ${ENV_FILE}`);
}

let server: RunningServer | null = null;
let stopping = false;

async function main(): Promise<void> {
  // From here on a stop signal ends whatever step is running (migration, seed, build) or the server.
  stopOnSignals(async () => {
    stopping = true;
    await stopRunning('SIGTERM');
    await server?.stop();
    console.log('Stopped.');
  });
  ensureRevalidateSecret();
  const { env } = await import('../lib/env');
  const origin = `http://localhost:${env.PORT}`;
  const { warnWithoutSiteUrl } = await import('../server/main');
  warnWithoutSiteUrl(origin);
  // Links and the seed's refresh call should point at this server unless the operator said otherwise.
  process.env.SITE_URL ||= origin;

  console.log('\n> Applying database migrations');
  await runTs('scripts/migrate.ts', ['deploy']);
  console.log('\n> Loading content (seed)');
  // As `npm run db:seed` runs it: the seed's bundle under plain Node (scripts/seed.mjs), a young
  // generation of 2 MB (prisma/seed.ts says why).
  await run(process.execPath, ['--max-semi-space-size=2', 'scripts/seed.mjs']);
  console.log('\n> Production build');
  console.log((await buildIfNeeded(DIST_DIR)) === 'built' ? 'Built.' : 'Build is up to date.');

  process.env.NEXT_DIST_DIR = DIST_DIR;
  const { runSite, applyProductionDefaults } = await import('../server/main');
  applyProductionDefaults();
  server = await runSite();
  console.log(`\n${env.SITE_NAME} is being served at ${origin} (Ctrl+C to stop)\n`);
}

main().catch((error: unknown) => {
  // A step ended by a stop signal fails; the signal's handler reports and exits.
  if (stopping) return;
  console.error(`\nnpm start stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof CommandFailed ? error.exitCode : 1);
});
