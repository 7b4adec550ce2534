import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../scripts/lib/free-port';
import { SERVE_ARGS } from '../scripts/lib/site-process';
import { runSeedIn, startOwnSite, type OwnSite } from '../tests/support/e2e/own-server';
import { startReaderLoad } from '../tests/support/e2e/reader-load';

// A rolling restart's other half, on a site of its own (support/own-server.ts): while readers load
// the running site at hundreds of requests a second, `npm run db:migrate` runs, then a second
// instance starts on the same database the way `npm start` starts one (migrate, seed, serve). Both
// succeed, no reader sees an error, and no output carries the engine's internal words (this failed
// with "unknown variant SocketTimeout" after 5 s just after a burst of requests).

let site: OwnSite;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  site = await startOwnSite('rolling-start', 60);
});

test.afterAll(() => site?.stop());

/** A TypeScript entry point of the project as its own process; resolves with exit code and output. */
function runTsFile(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(file), ...args], { env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const ENGINE_WORDS = /WASM_ERROR|SocketTimeout|unknown variant|SQLITE_BUSY|database is locked/;

test('migrations and a second instance start on the same database while the site serves load', async () => {
  test.setTimeout(300_000);
  const pages = ['/', '/sections/world', '/feed.xml', '/sitemap.xml', '/articles/synthetic-000001'];
  for (const url of pages) expect((await fetch(`${site.origin}${url}`)).status, url).toBe(200);
  const load = startReaderLoad({ origin: site.origin, urls: pages, connections: 32 });
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const migrate = await runTsFile('scripts/migrate.ts', ['deploy'], site.env);
  expect(migrate.output).not.toMatch(ENGINE_WORDS);
  expect(migrate.code, migrate.output).toBe(0);

  // The second instance, as `npm start` brings one up: migrations, the seed, then the server.
  const port = await freePort();
  const secondEnv = { ...site.env, PORT: String(port) };
  const secondMigrate = await runTsFile('scripts/migrate.ts', ['deploy'], secondEnv);
  const seed = await runSeedIn(secondEnv);
  const second = spawn(process.execPath, SERVE_ARGS, { env: secondEnv });
  let secondLog = '';
  second.stdout.on('data', (chunk: Buffer) => (secondLog += chunk.toString()));
  second.stderr.on('data', (chunk: Buffer) => (secondLog += chunk.toString()));
  try {
    // Generous: on a shared machine a start under load can take long; only never starting fails.
    const deadline = Date.now() + 180_000;
    const healthy = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
    while (!(await healthy())) {
      if (Date.now() > deadline || second.exitCode !== null)
        throw new Error(`The second instance did not become ready. Its log:\n${secondLog}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await fetch(`http://127.0.0.1:${port}/sections/world`)).status).toBe(200);
  } finally {
    second.kill('SIGTERM');
  }
  const result = await load.stop();
  console.log(
    `Migrate and a second instance under load: readers made ${result.requests} requests, ` +
      `${result.perSecond.toFixed(0)} req/s over 32 connections, ${result.failed} failed; load average ${loadavg()[0]?.toFixed(1)}.`,
  );

  for (const step of [secondMigrate, seed]) {
    expect(step.output).not.toMatch(ENGINE_WORDS);
    expect(step.code, step.output).toBe(0);
  }
  expect(secondLog).not.toMatch(ENGINE_WORDS);
  expect(result.failures).toEqual({});
  expect(site.log()).not.toMatch(ENGINE_WORDS);
});
