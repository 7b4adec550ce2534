// Stopping the site stops all of it (issue 14), tried as a user and a process manager would: real
// processes, a real port, a real SQLite file.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/lib/free-port';
import { runTs } from '../scripts/lib/run';
import {
  ensureBuild,
  killGroup,
  PROJECT_DIR,
  portIsFree,
  processGroupMembers,
  seededDatabase,
  siteEnv,
  startProcess,
  waitUntilReady,
  type SiteDatabase,
} from './testing/site';

let database: SiteDatabase;

beforeAll(async () => {
  await ensureBuild();
  database = await seededDatabase();
}, 600_000);

afterAll(() => database?.dispose());

describe('npm start', () => {
  it('stops everything on one SIGTERM to the npm process: port free, no process left, database closed', async () => {
    const port = await freePort();
    const npm = startProcess('npm', ['start'], siteEnv(database, port));
    try {
      await waitUntilReady(npm, port);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      expect(processGroupMembers(npm.pid).length).toBeGreaterThan(0);

      process.kill(npm.pid, 'SIGTERM');
      // Bounded by the 10 s the issue allows (a process manager's usual grace period).
      const exit = await Promise.race([npm.exited, new Promise<null>((resolve) => setTimeout(resolve, 10_000, null))]);
      expect(exit, npm.log()).toEqual({ code: 0, signal: null });

      expect(await portIsFree(port)).toBe(true);
      expect(processGroupMembers(npm.pid)).toEqual([]);
      // A clean close checkpoints the write-ahead log into the database and removes it.
      expect(existsSync(`${database.file}-wal`)).toBe(false);
      expect(npm.log()).toContain('Stopped.');
      // The next deploy's first step runs at once on the same database.
      await runTs('scripts/migrate.ts', ['deploy'], {
        cwd: PROJECT_DIR,
        env: { ...process.env, DATABASE_URL: database.url },
        stdio: 'ignore',
      });
    } finally {
      killGroup(npm.pid);
    }
  }, 300_000);
});
