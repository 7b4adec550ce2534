import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { articleFile, createContentFolder, databaseFingerprint, seed } from '../../tests/support/content-folder';
import type { ContentFolder } from '../../tests/support/content-folder';
import { formatProblem, formatSummary } from './report';
import type { SeedResult } from './seed';

// New articles are rendered and written while the files are still being checked, inside the seed's
// transaction (lib/content/seed.ts). These cases check that a problem found after some were written
// still leaves the database as it was, with every problem reported.

// More than one chunk of new articles (100) is written before the files with problems are read.
const GOOD = 250;

let db: TestDatabase;
let folder: ContentFolder;

beforeEach(async () => {
  db = await createTestDatabase();
  folder = createContentFolder();
  for (let i = 1; i <= GOOD; i++) {
    const key = `a-${String(i).padStart(4, '0')}`;
    folder.write(`articles/${key}.md`, articleFile({ slug: key, headline: `Article ${i}` }));
  }
});

afterEach(async () => {
  await db.dispose();
  folder.dispose();
});

function problems(result: SeedResult): string[] {
  if (result.ok) throw new Error(`expected problems, got ${formatSummary(result.plan, result.counts).join('; ')}`);
  return result.problems.map(formatProblem);
}

describe('new articles written during the check', () => {
  it('a problem in a file read after hundreds were written: every problem reported, nothing kept', async () => {
    // Files sort after the good ones: one takes the slug of an article already written, one names
    // a section that does not exist.
    folder.write('articles/z-copy.md', articleFile({ slug: 'a-0001', headline: 'A copy' }));
    folder.write('articles/z-bad-section.md', articleFile({ slug: 'z-bad-section', section: 'sport' }));
    const before = await databaseFingerprint(db);
    const found = problems(await seed(db, folder));
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toContain('articles/a-0001.md:2 slug: found "a-0001"');
    expect(found.join('\n')).toContain('articles/z-copy.md:2 slug: found "a-0001"');
    expect(found.join('\n')).toContain('articles/z-bad-section.md:4 section: found "sport"');
    expect(await databaseFingerprint(db)).toBe(before);

    // Fixed, the same folder loads in full, and a re-run finds every article unchanged.
    folder.remove('articles/z-copy.md');
    folder.write('articles/z-bad-section.md', articleFile({ slug: 'z-bad-section' }));
    const loaded = await seed(db, folder);
    if (!loaded.ok) throw new Error(problems(loaded).join('\n'));
    expect(formatSummary(loaded.plan, loaded.counts)[0]).toBe(`Articles: ${GOOD + 1} created, 0 updated, 0 unchanged`);
    expect(await db.prisma.article.count()).toBe(GOOD + 1);
    expect(await db.prisma.articleAuthor.count()).toBe(GOOD + 1);
    const again = await seed(db, folder);
    if (!again.ok) throw new Error(problems(again).join('\n'));
    expect(formatSummary(again.plan, again.counts)[0]).toBe(`Articles: 0 created, 0 updated, ${GOOD + 1} unchanged`);
  });

  it('a new file taking the slug a stored article gives up in the same run is written after it moves', async () => {
    expect((await seed(db, folder)).ok).toBe(true);
    // a-0001 moves to a new slug; a new file takes its old one.
    folder.write('articles/a-0001.md', articleFile({ slug: 'a-0001-moved', headline: 'Article 1' }));
    folder.write('articles/b-new.md', articleFile({ slug: 'a-0001', headline: 'A new article' }));
    const result = await seed(db, folder);
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(formatSummary(result.plan, result.counts)[0]).toBe(`Articles: 1 created, 1 updated, ${GOOD - 1} unchanged`);
    const slugs = await db.prisma.article.findMany({
      where: { key: { in: ['a-0001', 'b-new'] } },
      select: { key: true, slug: true },
      orderBy: { key: 'asc' },
    });
    expect(slugs).toEqual([
      { key: 'a-0001', slug: 'a-0001-moved' },
      { key: 'b-new', slug: 'a-0001' },
    ]);
    expect(await db.prisma.redirect.count()).toBe(0);
  });

  it('a new article written during the check takes a slug that redirected: the redirect goes', async () => {
    expect((await seed(db, folder)).ok).toBe(true);
    folder.write('articles/a-0001.md', articleFile({ slug: 'a-0001-moved', headline: 'Article 1' }));
    expect((await seed(db, folder)).ok).toBe(true);
    expect(await db.prisma.redirect.findMany({ select: { fromSlug: true } })).toEqual([{ fromSlug: 'a-0001' }]);
    // The old slug is no stored article's now, so the new file is written during the check.
    folder.write('articles/b-new.md', articleFile({ slug: 'a-0001', headline: 'A new article' }));
    const result = await seed(db, folder);
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(formatSummary(result.plan, result.counts)[0]).toBe(`Articles: 1 created, 0 updated, ${GOOD} unchanged`);
    expect(await db.prisma.redirect.count()).toBe(0);
  });
});
