import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeSyntheticContent } from '../scripts/synthetic-articles';
import { databaseFingerprint } from '../tests/support/content-folder';
import { createTestDatabase, refuseArticleInsert, type TestDatabase } from '../tests/support/database';

// A newsroom's archive, imported the way an editor would: `npm run db:seed` in its own process,
// from a shell whose open-file limit is 256 (macOS's default), over more files than that limit.
const run = promisify(execFile);
const seedLauncher = fileURLToPath(new URL('../scripts/seed.mjs', import.meta.url));
const ARTICLES = 2_000;
const OPEN_FILES = 256;

let root: string;
let archive: string;
let db: TestDatabase;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'news-archive-'));
  archive = path.join(root, 'archive');
  await writeSyntheticContent(archive, { count: ARTICLES });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  await db.dispose();
});

function seedWithinLimit(contentDir: string) {
  // As `npm run db:seed` runs it: the seed's bundle under plain Node.
  const command = [process.execPath, '--max-semi-space-size=2', seedLauncher, '--content', contentDir];
  return run('bash', ['-c', 'ulimit -n "$OPEN_FILES" && exec "$@"', 'bash', ...command], {
    env: { ...process.env, DATABASE_URL: db.url, CI: '1', REVALIDATE_SECRET: '', OPEN_FILES: String(OPEN_FILES) },
    maxBuffer: 16 * 1024 * 1024,
  });
}

const keysIn = (dir: string) =>
  readdirSync(path.join(dir, 'articles'))
    .map((name) => name.replace(/\.md$/, ''))
    .sort();

describe(`npm run db:seed over ${ARTICLES} files with ulimit -n ${OPEN_FILES}`, () => {
  it('imports every article, rendered, and a re-run finds every one unchanged', { timeout: 900_000 }, async () => {
    const first = await seedWithinLimit(archive);
    expect(first.stdout).toContain(`Articles: ${ARTICLES} created, 0 updated, 0 unchanged`);

    const stored = await db.prisma.article.findMany({ select: { key: true }, orderBy: { key: 'asc' } });
    expect(stored.map((article) => article.key)).toEqual(keysIn(archive));
    expect(await db.prisma.article.count({ where: { bodyHtml: { startsWith: '<p>' } } })).toBe(ARTICLES);

    const again = await seedWithinLimit(archive);
    expect(again.stdout).toContain(`Articles: 0 created, 0 updated, ${ARTICLES} unchanged`);
  });

  it('a failure half-way through leaves the database byte-for-byte as it was', { timeout: 900_000 }, async () => {
    // An earlier, smaller import: the same generator's first ten articles.
    const earlier = path.join(root, 'earlier');
    await writeSyntheticContent(earlier, { count: 10 });
    await seedWithinLimit(earlier);
    // The database refuses the archive's 1,000th article, as a constraint added later might.
    await refuseArticleInsert(db, 'synthetic-001000', 'refused half-way');
    const before = await databaseFingerprint(db);

    const failure = await seedWithinLimit(archive).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('The seed failed and nothing was written');
    expect(await databaseFingerprint(db)).toBe(before);
    expect(await db.prisma.article.count()).toBe(10);
    rmSync(earlier, { recursive: true, force: true });
  });
});
