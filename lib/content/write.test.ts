import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, refuseArticleInsert, type TestDatabase } from '../../tests/support/database';
import { formatSummary } from './report';
import type { SeedResult } from './seed';
import {
  articleFile,
  type ContentFolder,
  createContentFolder,
  databaseFingerprint,
  seed,
} from '../../tests/support/content-folder';

let db: TestDatabase;
let folder: ContentFolder;

beforeEach(async () => {
  db = await createTestDatabase();
  folder = createContentFolder({
    'putin-call': articleFile(
      { slug: 'putin-call', headline: 'Putin call', tags: ['Russia', 'Ukraine'] },
      'First version.',
    ),
    'budget-vote': articleFile({ slug: 'budget-vote', headline: 'Budget vote', section: 'politics' }),
  });
});

afterEach(async () => {
  await db.dispose();
  folder.dispose();
});

function summary(result: SeedResult): string {
  if (!result.ok) throw new Error(`seed failed: ${JSON.stringify(result.problems)}`);
  return formatSummary(result.plan, result.counts).join('\n');
}

const article = (key: string) =>
  db.prisma.article.findUniqueOrThrow({
    where: { key },
    include: {
      revisions: true,
      redirects: true,
      tags: { include: { tag: true } },
      authors: { include: { author: true } },
    },
  });

describe('writing content', () => {
  it('creates articles with rendered bodies, bylines and tags', async () => {
    expect(summary(await seed(db, folder))).toContain('2 created, 0 updated, 0 unchanged');
    const stored = await article('putin-call');
    expect(stored).toMatchObject({
      slug: 'putin-call',
      status: 'PUBLISHED',
      bodyHtml: '<p>First version.</p>',
      bodyText: 'First version.',
      wordCount: 2,
    });
    expect(stored.authors.map((row) => row.author.slug)).toEqual(['jane-roe']);
    expect(stored.tags.map((row) => row.tag.name).sort()).toEqual(['Russia', 'Ukraine']);
    // A new article is not "updated": its update time is its publication time.
    expect(stored.updatedAt).toEqual(stored.publishedAt);
  });

  it('stores a local lead image with the size read from its file, unless the editor gave one', async () => {
    // A 3 × 2 PNG: the seed reads only the size from its header.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAwMDAwMDAAAA4AQD/Mm3V8AAAAABJRU5ErkJggg==',
      'base64',
    );
    writeFileSync(path.join(folder.publicDir, 'images', 'photo.png'), png);
    folder.write(
      'articles/with-photo.md',
      articleFile({ slug: 'with-photo', image: { src: '/images/photo.png', alt: 'A photo' } }),
    );
    folder.write(
      'articles/sized-photo.md',
      articleFile({
        slug: 'sized-photo',
        image: { src: '/images/photo.png', alt: 'A photo', width: 1200, height: 800 },
      }),
    );
    expect(summary(await seed(db, folder))).toContain('4 created');
    expect(await article('with-photo')).toMatchObject({ imageSrc: '/images/photo.png', imageWidth: 3, imageHeight: 2 });
    expect(await article('sized-photo')).toMatchObject({ imageWidth: 1200, imageHeight: 800 });
  });

  it('a second run with no change writes nothing', async () => {
    await seed(db, folder);
    const before = await databaseFingerprint(db);
    const again = await seed(db, folder, new Date('2025-09-01T00:00:00Z'));
    expect(summary(again)).toContain('0 created, 0 updated, 2 unchanged');
    expect(again.ok && again.changed).toBe(false);
    expect(await databaseFingerprint(db)).toBe(before);
  });

  it('a changed article is updated, dated now, and its previous version kept as a revision', async () => {
    await seed(db, folder);
    const first = await article('putin-call');
    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'putin-call', headline: 'Putin call, updated', tags: ['Russia'] }, 'Second version.'),
    );
    const now = new Date('2025-09-01T08:00:00Z');
    expect(summary(await seed(db, folder, now))).toContain('0 created, 1 updated, 1 unchanged');

    const second = await article('putin-call');
    expect(second).toMatchObject({
      headline: 'Putin call, updated',
      bodyHtml: '<p>Second version.</p>',
      updatedAt: now,
    });
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(second.tags.map((row) => row.tag.name)).toEqual(['Russia']);
    expect(second.revisions).toHaveLength(1);
    const [revision] = second.revisions;
    expect(revision).toMatchObject({
      headline: 'Putin call',
      body: 'First version.',
      contentHash: first.contentHash,
      supersededAt: now,
    });
    expect(JSON.parse(revision?.snapshot ?? '{}')).toMatchObject({
      slug: 'putin-call',
      tags: expect.arrayContaining(['Russia', 'Ukraine']),
      authors: ['jane-roe'],
    });
  });

  it('a removed file unpublishes its article, keeps it, and says so; putting it back restores it', async () => {
    await seed(db, folder);
    folder.remove('articles/budget-vote.md');
    const removed = summary(await seed(db, folder));
    expect(removed).toContain('0 created, 0 updated, 1 unchanged');
    expect(removed).toContain('Unpublished 1 article whose file is gone (kept, hidden from readers): budget-vote');
    expect((await article('budget-vote')).status).toBe('UNPUBLISHED');

    expect(summary(await seed(db, folder))).not.toContain('Unpublished');
    folder.write(
      'articles/budget-vote.md',
      articleFile({ slug: 'budget-vote', headline: 'Budget vote', section: 'politics' }),
    );
    expect(summary(await seed(db, folder))).toContain('0 created, 1 updated, 1 unchanged');
    expect((await article('budget-vote')).status).toBe('PUBLISHED');
  });

  it('a slug change keeps the old URL as a redirect, and a slug taken back is live again', async () => {
    await seed(db, folder);
    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'putin-trump-call', headline: 'Putin call' }, 'First version.'),
    );
    expect(summary(await seed(db, folder))).toContain('Redirect: /putin-call now leads to /putin-trump-call');
    const moved = await article('putin-call');
    expect(moved.slug).toBe('putin-trump-call');
    expect(moved.redirects.map((redirect) => redirect.fromSlug)).toEqual(['putin-call']);

    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'putin-call', headline: 'Putin call' }, 'First version.'),
    );
    await seed(db, folder);
    const back = await article('putin-call');
    expect(back.slug).toBe('putin-call');
    expect(back.redirects.map((redirect) => redirect.fromSlug)).toEqual(['putin-trump-call']);
  });

  it('two articles can swap slugs in one run', async () => {
    await seed(db, folder);
    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'budget-vote', headline: 'Putin call' }, 'First version.'),
    );
    folder.write(
      'articles/budget-vote.md',
      articleFile({ slug: 'putin-call', headline: 'Budget vote', section: 'politics' }),
    );
    expect(summary(await seed(db, folder))).toContain('0 created, 2 updated, 0 unchanged');
    expect((await article('putin-call')).slug).toBe('budget-vote');
    expect(await db.prisma.redirect.count()).toBe(0);
  });

  it('refuses a new file that takes the slug of an article whose file is gone, and writes nothing', async () => {
    await seed(db, folder);
    folder.remove('articles/putin-call.md');
    folder.write('articles/renamed.md', articleFile({ slug: 'putin-call', headline: 'Putin call' }, 'First version.'));
    const before = await databaseFingerprint(db);
    const result = await seed(db, folder);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({
      field: 'slug',
      file: expect.stringContaining('articles/renamed.md'),
    });
    expect(!result.ok && result.problems[0]?.expected).toContain('rename the file back to putin-call.md');
    expect(await databaseFingerprint(db)).toBe(before);
  });

  it('a failure in the middle of the write rolls everything back', async () => {
    await seed(db, folder);
    // The database itself refuses one new article (a trigger, as a constraint added by a later
    // migration would). The new section and putin-call's revision are written before it fails.
    await refuseArticleInsert(db, 'rejected', 'rejected by the database');
    const before = await databaseFingerprint(db);

    folder.write(
      'sections.yaml',
      '- slug: world\n  name: World\n- slug: politics\n  name: Politics\n- slug: business\n  name: Business\n',
    );
    folder.write('articles/putin-call.md', articleFile({ slug: 'putin-call', headline: 'Changed' }, 'Changed.'));
    folder.write('articles/accepted.md', articleFile({ slug: 'accepted' }));
    folder.write('articles/rejected.md', articleFile({ slug: 'rejected' }));
    // The better-sqlite3 adapter reports a trigger's ABORT as a constraint violation; PostgreSQL
    // passes the trigger's message on.
    await expect(seed(db, folder)).rejects.toThrow(/constraint|rejected by the database/i);
    expect(await databaseFingerprint(db)).toBe(before);
    expect((await article('putin-call')).headline).toBe('Putin call');
    expect(await db.prisma.section.count()).toBe(2);
    expect(await db.prisma.revision.count()).toBe(0);
    expect(await db.prisma.article.count()).toBe(2);
  });
  it('moves the content version once per seed that changes something, and never otherwise', async () => {
    const version = async () => (await db.prisma.contentState.findUnique({ where: { id: 1 } }))?.version ?? 0;
    await seed(db, folder);
    expect(await version()).toBe(1);
    await seed(db, folder);
    expect(await version()).toBe(1);
    folder.write('articles/budget-vote.md', articleFile({ slug: 'budget-vote', headline: 'Budget vote passes' }));
    await seed(db, folder);
    expect(await version()).toBe(2);
  });
  it('renders an article again after a seed upgrade without calling it a new version', async () => {
    await seed(db, folder);
    const before = await article('putin-call');
    // As a database written by an older seed would be: another renderer's HTML, another content
    // hash, no source hash yet. Readers saw no new version, so none may appear.
    await db.prisma.article.update({
      where: { key: 'putin-call' },
      data: { bodyHtml: '<p>Old rendering.</p>', contentHash: 'from-an-older-seed', sourceHash: null },
    });
    await seed(db, folder);
    const after = await article('putin-call');
    expect(after.bodyHtml).toBe('<p>First version.</p>');
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.revisions).toEqual([]);

    // A real change still is one.
    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'putin-call', headline: 'Putin call ends' }, 'First version.'),
    );
    await seed(db, folder);
    const changed = await article('putin-call');
    expect(changed.revisions).toHaveLength(1);
    expect(changed.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });
});
