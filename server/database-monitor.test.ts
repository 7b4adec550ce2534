import { closeSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseMonitor } from './database-monitor';
import type { QueryClient } from './health';

// The monitor's decisions, with a stand-in client and a real file whose inode the test changes.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(answer: () => Promise<unknown>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitor-'));
  dirs.push(dir);
  const file = path.join(dir, 'news.db');
  writeFileSync(file, 'x');
  const reconnects: number[] = [];
  const client: QueryClient = {
    $queryRawUnsafe: <T>() => answer() as Promise<T>,
  };
  const logs: string[] = [];
  const monitor = new DatabaseMonitor({
    client: () => client,
    reconnect: () => reconnects.push(Date.now()),
    sqliteFile: file,
    migrations: ['m1'],
    describe: (error) => ((error as { code?: string }).code === 'SQLITE_BUSY' ? 'it is locked' : null),
    timeoutMs: 200,
    log: (line) => logs.push(line),
  });
  return { file, dir, monitor, reconnects, logs };
}

const migrated = async () => [{ migration_name: 'm1' }];

describe('DatabaseMonitor', () => {
  it('is ready when the database answers and is migrated', async () => {
    const { monitor } = setup(migrated);
    expect(await monitor.check(0)).toEqual({ reachable: true, problem: null });
  });

  it('finds a removed SQLite file unreachable, though a connection could still read it', async () => {
    const { monitor, file, logs } = setup(migrated);
    await monitor.check(0);
    renameSync(file, `${file}.away`);
    expect(await monitor.check(0)).toMatchObject({ reachable: false });
    renameSync(`${file}.away`, file);
    expect(await monitor.check(0)).toEqual({ reachable: true, problem: null });
    expect(logs).toEqual([expect.stringMatching(/^Database problem: /), 'Database: answering again.']);
  });

  it('reconnects once when the file is replaced, and reports what the new file is', async () => {
    let fails = false;
    const { monitor, file, reconnects } = setup(() =>
      fails ? Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })) : migrated(),
    );
    await monitor.check(0);
    // Held open, as the site's connection holds it: its inode cannot be reused by the new file.
    const held = openSync(file, 'r');
    rmSync(file);
    writeFileSync(`${file}.new`, 'y');
    renameSync(`${file}.new`, file);
    closeSync(held);
    fails = true;
    expect(await monitor.check(0)).toEqual({ reachable: false, problem: 'it is locked' });
    expect(await monitor.check(0)).toEqual({ reachable: false, problem: 'it is locked' });
    expect(reconnects).toHaveLength(1);
  });

  it('says which migrations are missing without calling the database unreachable', async () => {
    const { monitor } = setup(async () => []);
    expect(await monitor.check(0)).toEqual({ reachable: true, problem: '1 migration(s) not applied' });
  });

  it('keeps pages served when a probe is only slow, while readiness says so', async () => {
    const { monitor } = setup(() => new Promise(() => {}));
    expect(await monitor.check(0)).toEqual({ reachable: true, problem: 'the database did not answer within 200 ms' });
  });

  it('shares one probe among callers', async () => {
    let queries = 0;
    const { monitor } = setup(async () => {
      queries++;
      return migrated();
    });
    await Promise.all([monitor.check(0), monitor.check(0), monitor.check(0)]);
    expect(queries).toBe(1);
  });
});
