import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  articleFile,
  type ContentFolder,
  createContentFolder,
  databaseFingerprint,
} from '../tests/support/content-folder';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';

// The command editors run, run as they run it: a separate process, its output and exit code.
const run = promisify(execFile);
const seedScript = fileURLToPath(new URL('./seed.ts', import.meta.url));

let db: TestDatabase;
let folder: ContentFolder;

beforeEach(async () => {
  db = await createTestDatabase();
  folder = createContentFolder({ first: articleFile({ slug: 'first' }) });
});

afterEach(async () => {
  await db.dispose();
  folder.dispose();
});

function seed(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', seedScript, '--content', folder.dir, ...args], {
    env: { ...process.env, DATABASE_URL: db.url, CI: '1' },
  });
}

describe('npm run db:seed', () => {
  it('loads the folder, then says "0 created, 0 updated, 1 unchanged" on a second run', async () => {
    const first = await seed();
    expect(first.stdout).toContain('Articles: 1 created, 0 updated, 0 unchanged');
    expect(first.stdout).toContain('Running sites show the change within a few seconds.');
    const second = await seed();
    expect(second.stdout).toContain('Articles: 0 created, 0 updated, 1 unchanged');
    expect(second.stdout).not.toContain('Running sites show the change');
    expect(second.stderr).toBe('');
  });

  it('exits non-zero with every problem listed and the database untouched', async () => {
    await seed();
    folder.write('articles/second.md', articleFile({ slug: 'second', section: 'sport', publishedAt: '2025-02-30' }));
    const before = await databaseFingerprint(db);
    const failure = await seed().then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^2 problems in 1 file; nothing was written to the database:/);
    expect(failure?.stderr).toContain('articles/second.md:4 section: found "sport"');
    expect(failure?.stderr).toContain('articles/second.md:8 publishedAt: found "2025-02-30"');
    expect(await databaseFingerprint(db)).toBe(before);
  });

  it('two seeds started at once both succeed: the second waits, then finds nothing left to do', async () => {
    await seed();
    folder.write('articles/second.md', articleFile({ slug: 'second' }));
    const outputs = await Promise.all([seed(), seed()]);
    const created = outputs.map(({ stdout }) => Number(/Articles: (\d+) created/.exec(stdout)?.[1]));
    expect(created.sort()).toEqual([0, 1]);
    expect(await db.prisma.article.count()).toBe(2);
  });
});
