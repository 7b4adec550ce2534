import Database from 'better-sqlite3';
import { MigrateError } from './errors';

// One migration at a time per SQLite file, without locking readers out. The schema engine would
// serialise migrators with `PRAGMA locking_mode=EXCLUSIVE`, but on a WAL database that also needs
// every other connection gone, so it failed on any running site (sqlite-adapter.ts drops it). Here
// migrators take turns on a lock file of their own, which nobody else opens: an exclusive
// transaction on a tiny SQLite file beside the database, released when its connection closes,
// including when the process dies.

export const MIGRATION_LOCK_WAIT_MS = 60_000;
const RETRY_MS = 100;

export function migrationLockFile(databaseFile: string): string {
  return `${databaseFile}-migrate-lock`;
}

/** Waits (without blocking the event loop) until no other migrator holds the lock; returns its release. */
export async function acquireMigrationLock(databaseFile: string, waitMs = MIGRATION_LOCK_WAIT_MS): Promise<() => void> {
  const lock = new Database(migrationLockFile(databaseFile), { timeout: 0 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      lock.exec('BEGIN EXCLUSIVE');
      return () => lock.close();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') {
        lock.close();
        throw error;
      }
      if (Date.now() >= deadline) {
        lock.close();
        throw new MigrateError(
          `Another migration of ${databaseFile} has been running for over ${waitMs / 1000} s: wait for it to finish (or stop it) and try again.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
