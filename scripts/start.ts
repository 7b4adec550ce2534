// `npm start`: everything a fresh checkout needs to serve the site, each step skipped when there is
// nothing to do: local secret, migrations, seed, production build, then `next start`.
import './lib/load-env';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildIfNeeded, clearDataCache } from './lib/build';
import { CommandFailed, runTs } from './lib/run';

const require = createRequire(import.meta.url);

const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';

/**
 * The seed asks the running site to refresh its cache with a shared secret. On a machine where the
 * operator has not set one, make one and keep it in .env.local (ignored by git), which both the site
 * and the seed read.
 */
function ensureRevalidateSecret(): void {
  if (process.env.REVALIDATE_SECRET) return;
  const secret = randomBytes(32).toString('base64url');
  appendFileSync(
    '.env.local',
    `\n# Made by npm start: lets the seed refresh the running site.\nREVALIDATE_SECRET=${secret}\n`,
    { mode: 0o600 },
  );
  process.env.REVALIDATE_SECRET = secret;
  console.log('Created REVALIDATE_SECRET in .env.local');
}

async function main(): Promise<void> {
  ensureRevalidateSecret();
  const { env } = await import('../lib/env');
  const origin = `http://localhost:${env.PORT}`;
  // Links and the seed's refresh call should point at this server unless the operator said otherwise.
  process.env.SITE_URL ||= origin;

  console.log('\n> Applying database migrations');
  await runTs('scripts/migrate.ts', ['deploy']);
  console.log('\n> Loading content (seed)');
  await runTs('prisma/seed.ts');
  console.log('\n> Production build');
  console.log((await buildIfNeeded(DIST_DIR)) === 'built' ? 'Built.' : 'Build is up to date.');
  // The seed above could not tell a server that was not running: start from fresh reads.
  clearDataCache(DIST_DIR);

  console.log(`\n${env.SITE_NAME} is being served at ${origin} (Ctrl+C to stop)\n`);
  serve(env.PORT);
}

/** Runs `next start` in the foreground; a stop signal sent to this process reaches the server too. */
function serve(port: number): void {
  const server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '--port', String(port)], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 1)));
}

main().catch((error: unknown) => {
  console.error(`\nnpm start stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof CommandFailed ? error.exitCode : 1);
});
