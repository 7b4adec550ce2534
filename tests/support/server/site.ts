// Test support for the server's process-level tests: a production build, a prepared database
// (SQLite, or PostgreSQL with TEST_DATABASE=postgresql), and the site started as a separate
// process exactly as a user or process manager would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from '../../../scripts/lib/build';
import { runTs } from '../../../scripts/lib/run';
import { SERVE_ARGS } from '../../../scripts/lib/site-process';
import { createPostgresDatabase } from '../database';

export const PROJECT_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** The e2e suite's build folder, shared so `npm test` builds once (overridable to work beside a running suite). */
export const DIST_DIR = process.env.SERVER_TEST_DIST_DIR || '.next-e2e';

/**
 * Builds the site unless the build is current. Test files run in parallel workers, so a lock folder
 * keeps two of them from building into the same place at once. The build prerenders the front page
 * and feeds from a database, so it gets a seeded one of its own: `npm test` must not depend on a
 * database that `npm start` would have made.
 */
export async function ensureBuild(): Promise<void> {
  const lock = path.join(PROJECT_DIR, '.tmp', `build-lock${DIST_DIR}`);
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await sleep(500);
    }
  }
  try {
    const database = await seededDatabase();
    try {
      await buildIfNeeded(DIST_DIR, { ...process.env, NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: database.url });
    } finally {
      await database.dispose();
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface SiteDatabase {
  url: string;
  /** The SQLite file; empty on PostgreSQL. */
  file: string;
  /**
   * True once no process holds the database open any more: on SQLite the write-ahead log was folded
   * into the file and removed (a clean close); on PostgreSQL no connection to it is left.
   */
  closedCleanly(): Promise<boolean>;
  dispose(): Promise<void>;
}

/**
 * A fresh database, migrated and seeded with the real content: a SQLite file in its own temp
 * folder, or, when the unit tests run on PostgreSQL (TEST_DATABASE=postgresql), a database of its
 * own in the run's cluster.
 */
export async function seededDatabase(): Promise<SiteDatabase> {
  const database = await emptyDatabase();
  const env = { ...process.env, DATABASE_URL: database.url };
  await runTs('scripts/migrate.ts', ['deploy'], { env, cwd: PROJECT_DIR, stdio: 'ignore' });
  await runTs('prisma/seed.ts', [], { env, cwd: PROJECT_DIR, stdio: 'ignore' });
  return database;
}

async function emptyDatabase(): Promise<SiteDatabase> {
  if (process.env.TEST_DATABASE === 'postgresql') {
    const database = await createPostgresDatabase();
    return {
      url: database.url,
      file: '',
      closedCleanly: async () => (await database.openConnections()) === 0,
      dispose: database.drop,
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'news-server-'));
  const file = path.join(dir, 'news.db');
  return {
    url: `file:${file}`,
    file,
    closedCleanly: async () => !existsSync(`${file}-wal`),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment a site process gets: its own database and port, the shared build, a secret set. */
export function siteEnv(
  database: Pick<SiteDatabase, 'url'>,
  port: number,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    // Set, so `npm start` does not write a secret into the checkout's .env.local.
    REVALIDATE_SECRET: 'a-test-secret-of-enough-length',
    ...extra,
  };
}

export interface SiteProcess {
  child: ChildProcess;
  pid: number;
  log: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a command in a process group of its own (detached), so the test can check afterwards that
 * no process of that group is left, and clean up if one is.
 */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): SiteProcess {
  const child = spawn(command, args, { cwd: PROJECT_DIR, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  if (child.pid === undefined) throw new Error(`${command} did not start`);
  return { child, pid: child.pid, log: () => log, exited };
}

/** The site's own server (server/main.ts), as `npm run serve` runs it. */
export function startServer(env: NodeJS.ProcessEnv): SiteProcess {
  return startProcess(process.execPath, SERVE_ARGS, env);
}

/** Waits until /healthz answers 200; fails with the process's log if it does not within `timeoutMs`. */
export async function waitUntilReady(site: SiteProcess, port: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (site.child.exitCode !== null) break;
    await sleep(250);
  }
  throw new Error(`The site on port ${port} did not become ready. Its log:\n${site.log()}`);
}

/** Pids of every live process in the process group `pgid` (read from /proc, Linux). */
export function processGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) : state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // The process ended while the folder was read.
    }
  }
  return members;
}

/** Kills whatever is left of a process group: cleanup after a failed test, never part of one. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Nothing left.
  }
}

/** True when nothing accepts connections on the port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Resident memory of a process in KiB, from /proc/<pid>/status. */
export function residentKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
