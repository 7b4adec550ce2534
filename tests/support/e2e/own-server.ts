import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeSyntheticContent } from '../../../scripts/synthetic-articles';
import { freePort } from '../../../scripts/lib/free-port';
import { SERVE_ARGS } from '../../../scripts/lib/site-process';
import { deployMigrations } from '../../../scripts/migrate/index';

// A second production server on a database and content folder of its own, for tests that load,
// break or re-seed a site without disturbing the suite's shared one. It runs from a copy of the
// build without its cache folder: Next keeps cached reads there, and two sites on different
// databases must not serve each other's rows.

export interface OwnSite {
  origin: string;
  dir: string;
  databaseFile: string;
  contentDir: string;
  env: NodeJS.ProcessEnv;
  server: ChildProcess;
  /** Everything the server printed so far. */
  log(): string;
  stop(): void;
}

/** Synthetic content of `articles` articles, migrated and seeded, served from `.tmp/e2e/<name>`. */
export async function startOwnSite(name: string, articles: number): Promise<OwnSite> {
  const workDir = process.env.E2E_WORK_DIR || '.tmp/e2e';
  const dir = path.resolve(workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const contentDir = path.join(dir, 'content');
  await writeSyntheticContent(contentDir, { count: articles });
  const databaseFile = path.join(dir, 'news.db');
  const distDir = path.join(path.relative(process.cwd(), dir), 'dist');
  cpSync(process.env.NEXT_DIST_DIR || '.next-e2e', distDir, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'cache',
  });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    CONTENT_DIR: contentDir,
    PORT: String(port),
    SITE_URL: origin,
    NEXT_DIST_DIR: distDir,
  };
  await deployMigrations(`file:${databaseFile}`);
  await runSeedIn(env);
  // The production server the site runs on (server/main.ts), as `npm run serve` starts it.
  const server = spawn(process.execPath, SERVE_ARGS, { env });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${origin}/`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error(`the second server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    origin,
    dir,
    databaseFile,
    contentDir,
    env,
    server,
    log: () => output,
    stop: () => server.kill('SIGTERM'),
  };
}

/** The real seed as its own process; resolves with its exit code and output. */
export function runSeedIn(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('prisma/seed.ts'), ...args], {
      env: { ...env, CI: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
