import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { formatProblem, formatSummary } from './report';
import type { SeedResult } from './seed';
import { articleFile, type ContentFolder, createContentFolder, seed } from '../../tests/support/content-folder';

// A re-run takes a file whose bytes are those already stored as valid without parsing it. These
// cases change something outside the file, or only its layout, and check the seed still notices.

let db: TestDatabase;
let folder: ContentFolder;

beforeEach(async () => {
  db = await createTestDatabase();
  folder = createContentFolder({
    'putin-call': articleFile({ slug: 'putin-call', headline: 'Putin call' }),
    'budget-vote': articleFile({ slug: 'budget-vote', headline: 'Budget vote', section: 'politics' }),
  });
  expect((await seed(db, folder)).ok).toBe(true);
});

afterEach(async () => {
  await db.dispose();
  folder.dispose();
});

function summary(result: SeedResult): string {
  if (!result.ok) throw new Error(`seed failed: ${JSON.stringify(result.problems)}`);
  return formatSummary(result.plan, result.counts).join('\n');
}

function messages(result: SeedResult): string[] {
  if (result.ok) throw new Error('the seed accepted what it should have refused');
  return result.problems.map(formatProblem);
}

describe('re-running the seed over unchanged files', () => {
  it('a file laid out differently but saying the same is unchanged: no revision, no new date', async () => {
    const before = await db.prisma.article.findUniqueOrThrow({ where: { key: 'putin-call' } });
    folder.write('articles/putin-call.md', articleFile({ headline: 'Putin call', slug: 'putin-call' }) + '\n\n');
    expect(summary(await seed(db, folder, new Date('2025-09-01T00:00:00Z')))).toContain(
      '0 created, 0 updated, 2 unchanged',
    );
    const after = await db.prisma.article.findUniqueOrThrow({ where: { key: 'putin-call' } });
    expect(after).toMatchObject({ contentHash: before.contentHash, updatedAt: before.updatedAt });
    expect(after.sourceHash).not.toBe(before.sourceHash);
    expect(await db.prisma.revision.count()).toBe(0);
  });

  it('an unchanged article whose section or author is no longer listed is reported', async () => {
    folder.write('sections.yaml', '- slug: world\n  name: World\n');
    folder.write('authors.yaml', '- slug: john-doe\n  name: John Doe\n');
    const found = messages(await seed(db, folder));
    expect(found.find((message) => message.includes('articles/budget-vote.md:4 section:'))).toBeDefined();
    expect(found.find((message) => message.includes('articles/putin-call.md:6 authors[0]:'))).toBeDefined();
  });

  it('a new file taking an unchanged article’s slug: both files are named', async () => {
    folder.write('articles/copy.md', articleFile({ slug: 'putin-call' }));
    const found = messages(await seed(db, folder));
    expect(found.find((message) => /putin-call\.md:2 slug: .*also used by .*copy\.md/.test(message))).toBeDefined();
    expect(found.find((message) => /copy\.md:2 slug: .*also used by .*putin-call\.md/.test(message))).toBeDefined();
  });

  it('an unchanged article with a local lead image takes the image file’s new size', async () => {
    // 1 × 1 and 3 × 2 PNGs: the seed reads the size from the file, not from the article.
    const small = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
    const wide =
      'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAwMDAwMDAAAA4AQD/Mm3V8AAAAABJRU5ErkJggg==';
    const photo = path.join(folder.publicDir, 'images', 'photo.png');
    writeFileSync(photo, Buffer.from(small, 'base64'));
    folder.write(
      'articles/photo.md',
      articleFile({ slug: 'photo', image: { src: '/images/photo.png', alt: 'A photo' } }),
    );
    await seed(db, folder);
    writeFileSync(photo, Buffer.from(wide, 'base64'));
    expect(summary(await seed(db, folder))).toContain('0 created, 1 updated, 2 unchanged');
    expect(await db.prisma.article.findUniqueOrThrow({ where: { key: 'photo' } })).toMatchObject({
      imageWidth: 3,
      imageHeight: 2,
    });
  });
});
