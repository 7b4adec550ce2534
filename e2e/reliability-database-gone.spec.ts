import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startOwnSite, type OwnSite } from '../tests/support/e2e/own-server';

// The SQLite database taken away while the site runs, on a site of its own (support/own-server.ts),
// four ways: the file removed; replaced by an empty file; replaced by a damaged one; replaced by a
// copy another process holds locked. SQLite would keep reading a removed or replaced file through
// the connection it has, so the site checks the file itself (server/database-monitor.ts). In each
// case: pages already cached answer 200, the others the site's error page with 503 and Retry-After
// (server/unavailable.ts), the process stays up, and once the database is back every page answers
// again without a restart, the 503 having been stored nowhere. Times are printed, not asserted.

let site: OwnSite;
const FILES = ['', '-wal', '-shm'];
const CACHED = ['/', '/sections/world', '/feed.xml', '/articles/synthetic-000001'];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  site = await startOwnSite('database-gone', 30);
});

test.afterAll(() => site?.stop());

async function timed(url: string): Promise<{ status: number; ms: number; body: string; headers: Headers }> {
  const started = performance.now();
  const response = await fetch(`${site.origin}${url}`, { signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  return { status: response.status, ms: Math.round(performance.now() - started), body, headers: response.headers };
}

/** Waits until `url` answers `status`; returns how long that took. */
async function until(url: string, status: (code: number) => boolean): Promise<number> {
  const started = performance.now();
  await expect.poll(async () => status((await timed(url)).status), { timeout: 30_000, intervals: [100] }).toBe(true);
  return Math.round(performance.now() - started);
}

function moveAway(): void {
  for (const suffix of FILES) renameSync(`${site.databaseFile}${suffix}`, `${site.databaseFile}.away${suffix}`);
}

function moveBack(): void {
  for (const suffix of FILES) rmSync(`${site.databaseFile}${suffix}`, { force: true });
  for (const suffix of FILES) renameSync(`${site.databaseFile}.away${suffix}`, `${site.databaseFile}${suffix}`);
}

/**
 * Another process puts a copy of the database in place and holds it locked (as a restore tool or
 * an operator's `sqlite3` session with `locking_mode=EXCLUSIVE` would); it lets go when told.
 */
async function replaceWithLockedCopy(): Promise<{ release: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const fs = require('node:fs');
    const [file] = process.argv.slice(1);
    const copy = file + '.locked-copy';
    (async () => {
      const source = new Database(file, { readonly: true });
      await source.backup(copy);
      source.close();
      const db = new Database(copy);
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.prepare('SELECT count(*) FROM Article').get();
      fs.renameSync(copy, file);
      console.log('locked');
      process.stdin.on('end', () => { db.exec('COMMIT'); db.close(); console.log('released'); });
      process.stdin.resume();
    })();`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script, site.databaseFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output, { timeout: 30_000 }).toContain('locked');
  return {
    release: async () => {
      child.stdin?.end();
      await expect.poll(() => output, { timeout: 10_000 }).toContain('released');
    },
  };
}

interface Outage {
  name: string;
  /** Takes the database away; returns how to bring it back. */
  go: () => Promise<() => Promise<void>>;
}

const OUTAGES: Outage[] = [
  {
    name: 'file removed',
    go: async () => {
      moveAway();
      return async () => moveBack();
    },
  },
  {
    name: 'replaced by an empty file',
    go: async () => {
      moveAway();
      writeFileSync(site.databaseFile, '');
      return async () => moveBack();
    },
  },
  {
    name: 'replaced by a damaged file',
    go: async () => {
      moveAway();
      writeFileSync(site.databaseFile, randomBytes(64 * 1024));
      return async () => moveBack();
    },
  },
  {
    name: 'held locked by another process',
    go: async () => {
      const lock = await replaceWithLockedCopy();
      return lock.release;
    },
  },
];

test('without its database the site serves cached pages, a styled 503 for the rest, and recovers alone', async () => {
  test.setTimeout(240_000);
  for (const url of CACHED) expect((await timed(url)).status, url).toBe(200);
  const report: string[] = [];

  for (const [index, outage] of OUTAGES.entries()) {
    // Pages no one asked for yet: they need the database. (A search asked twice is stored, keyed by
    // its words, so each outage searches for words of its own.)
    const uncached = [
      `/search?q=harbour+outage${index}`,
      `/articles/synthetic-${String(index + 2).padStart(6, '0')}`,
      `/sections/politics?page=${index + 2}`,
    ];
    const bringBack = await outage.go();
    const noticedMs = await until('/healthz', (status) => status === 503);

    const latencies: number[] = [];
    for (const url of CACHED) expect((await timed(url)).status, `${outage.name}: cached ${url}`).toBe(200);
    for (const url of uncached) {
      const { status, ms, body, headers } = await timed(url);
      latencies.push(ms);
      expect(status, `${outage.name}: ${url}`).toBe(503);
      expect(headers.get('retry-after')).toMatch(/^\d+$/);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(body).toContain('<h1>Something went wrong</h1>');
      expect(body).toMatch(/<link rel="stylesheet" href="\/_next\/static\/[^"]+\.css">/);
      expect(body).not.toContain('news.db');
    }
    expect(site.server.exitCode, outage.name).toBeNull();

    await bringBack();
    const recoveredMs = await until(uncached[0]!, (status) => status === 200);
    // Not stored anywhere: each of them renders now.
    for (const url of uncached) expect((await timed(url)).status, `${outage.name}, back: ${url}`).not.toBe(503);
    expect((await timed('/healthz')).status).toBe(200);
    report.push(
      `${outage.name}: noticed in ${noticedMs} ms; uncached 503 in ${latencies.join(', ')} ms; answering again ${recoveredMs} ms after it came back`,
    );
  }
  console.log(`Database gone (SQLite):\n  ${report.join('\n  ')}`);
  expect(site.server.exitCode).toBeNull();
  expect(site.log()).toContain('Database problem: the SQLite database at');
  expect(site.log()).toContain('is locked by another process');
});
