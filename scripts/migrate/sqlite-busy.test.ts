import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toMigrateError } from './engine-errors';
import { deployMigrations } from './index';
import { acquireMigrationLock } from './sqlite-lock';
import { resolveTarget } from './target';
import { addMigration, copyMigrations, tempDir } from '../../tests/support/migrations';

// Migrations against a SQLite file that other processes are using, as a running site and a seed
// use it: real child processes with their own connections. The engine used to switch to exclusive
// locking, which a WAL database grants only with every other connection closed, and so failed
// after 5 s with "unknown variant SocketTimeout" whenever a site was reading.

/** A child process on the database: "read" loops over queries like a busy site; "write" holds the write lock. */
function startClient(file: string, mode: 'read' | 'write', holdMs = 0): Promise<ChildProcess> {
  const script = `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)}, { timeout: 5000 });
    if (${JSON.stringify(mode)} === 'write') {
      db.exec('BEGIN IMMEDIATE');
      console.log('ready');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});
    } else {
      const query = db.prepare("SELECT count(*) FROM sqlite_master, Article");
      let announced = false;
      const loop = () => { for (let i = 0; i < 50; i++) query.get(); if (!announced) { announced = true; console.log('ready'); } setImmediate(loop); };
      loop();
    }`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`client exited with ${code}`)));
  });
}

describe('migrations while others use the SQLite file', () => {
  let dir: string;
  let migrations: string;
  let file: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await tempDir('busy');
    migrations = await copyMigrations('prisma/migrations', dir);
    file = path.join(dir, 'news.db');
    await deployMigrations(`file:${file}`, { migrationsDir: migrations });
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds nothing to apply while three readers keep the database busy', async () => {
    for (let i = 0; i < 3; i++) children.push(await startClient(file, 'read'));
    await expect(deployMigrations(`file:${file}`, { migrationsDir: migrations })).resolves.toEqual({ applied: [] });
  }, 30_000);

  it('applies a new migration while readers read', async () => {
    children.push(await startClient(file, 'read'), await startClient(file, 'read'));
    await addMigration(
      migrations,
      '29990101000000_busy_table',
      'CREATE TABLE "BusyProbe" ("id" INTEGER PRIMARY KEY);\n',
    );
    await expect(deployMigrations(`file:${file}`, { migrationsDir: migrations })).resolves.toEqual({
      applied: ['29990101000000_busy_table'],
    });
  }, 30_000);

  it('waits for a writer that holds the lock for 3 s, then succeeds', async () => {
    children.push(await startClient(file, 'write', 3000));
    await addMigration(
      migrations,
      '29990102000000_after_writer',
      'CREATE TABLE "AfterWriter" ("id" INTEGER PRIMARY KEY);\n',
    );
    await expect(deployMigrations(`file:${file}`, { migrationsDir: migrations })).resolves.toEqual({
      applied: ['29990102000000_after_writer'],
    });
  }, 30_000);

  it('lets concurrent migrators take turns: each migration is applied once', async () => {
    await addMigration(
      migrations,
      '29990103000000_taking_turns',
      'CREATE TABLE "TakingTurns" ("id" INTEGER PRIMARY KEY);\n',
    );
    const results = await Promise.all(
      [1, 2, 3].map(() => deployMigrations(`file:${file}`, { migrationsDir: migrations })),
    );
    expect(results.flatMap((result) => result.applied)).toEqual(['29990103000000_taking_turns']);
  }, 30_000);

  it('says in words that another migration holds the lock when it outlasts the wait', async () => {
    const release = await acquireMigrationLock(file);
    try {
      await expect(acquireMigrationLock(file, 300)).rejects.toThrow(
        `Another migration of ${file} has been running for over 0.3 s: wait for it to finish (or stop it) and try again.`,
      );
    } finally {
      release();
    }
  });

  it("names a lock wait that ran out in plain words, not the engine's", () => {
    const engine = new Error(
      'Error in the underlying connector (WASM_ERROR): Error: unknown variant `SocketTimeout`, expected one of `GenericJs`, `UnsupportedNativeDataType`',
    );
    const error = toMigrateError(engine, resolveTarget(`file:${file}`)) as Error;
    expect(error.message).toBe(
      `Migrations did not run: the SQLite database at ${file} stayed locked by another process writing to it (a seed, or a site's own writes) past the wait. Try again once it is free.`,
    );
  });
});
