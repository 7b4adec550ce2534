import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentFiles } from '../content/files';
import { articleFile, type ContentFolder, createContentFolder, seed } from '../../tests/support/content-folder';
import { validateContent } from '../content/validate';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { findArticleHistory, findCorrectionsPage, readStoredVersions } from './history-queries';
import { publicVersions } from './history-versions';

// The history is rebuilt from what the seed stored: a real content folder seeded step by step into
// a real SQLite file, each version checked against the file as it was at that seed.

let db: TestDatabase;
let folder: ContentFolder;

beforeEach(async () => {
  db = await createTestDatabase();
  folder = createContentFolder();
});

afterEach(async () => {
  await db.dispose();
  folder.dispose();
});

const image = { src: 'https://example.org/harbour.jpg', alt: 'A harbour at dawn', credit: 'Photo: Jo Doe', width: 800, height: 600 };
const correction = { date: '2025-07-09', kind: 'correction', text: 'An earlier version misnamed the harbour.' };

// Each step: when it is seeded, and the file at that moment.
const STEPS: { at: string; file: string }[] = [
  { at: '2025-06-01T09:00:00Z', file: articleFile({ slug: 'story', headline: 'A draft headline', status: 'draft', publishedAt: undefined }, 'Draft words nobody saw.') },
  { at: '2025-07-01T09:00:00Z', file: articleFile({ slug: 'story', headline: 'Scheduled headline', publishedAt: '2025-07-03 10:00' }, 'Scheduled words, replaced before they went out.') },
  { at: '2025-07-02T09:00:00Z', file: articleFile({ slug: 'story', headline: 'Harbour reopens', standfirst: 'Boats are back.', publishedAt: '2025-07-03 10:00', image }, 'The harbour reopened on Monday.\n\nFishermen cheered.') },
  { at: '2025-07-10T09:00:00Z', file: articleFile({ slug: 'story', headline: 'Harbour reopens after storm', standfirst: 'Boats are back.', publishedAt: '2025-07-03 10:00', authors: [], image: { ...image, credit: 'Photo: Ann Lee' }, corrections: [correction] }, 'The harbour reopened on Tuesday.\n\nFishermen cheered.\n\nThe mayor spoke.') },
  { at: '2025-07-12T09:00:00Z', file: articleFile({ slug: 'story', headline: 'Harbour reopens after storm', standfirst: 'Boats are back.', publishedAt: '2025-07-03 10:00', authors: [], image: { ...image, credit: 'Photo: Ann Lee' }, corrections: [correction], minorChange: true }, 'The harbour reopened on Tuesday.\n\nFishermen cheered.\n\nThe mayor spoke briefly.') },
];

async function seedSteps(): Promise<number> {
  for (const step of STEPS) {
    folder.write('articles/story.md', step.file);
    const result = await seed(db, folder, new Date(step.at));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  }
  return (await db.prisma.article.findUniqueOrThrow({ where: { key: 'story' } })).id;
}

/** The article as the validator reads one version of its file. */
function parse(text: string) {
  const files: ContentFiles = {
    dir: folder.dir,
    sections: { display: 'sections.yaml', relative: 'sections.yaml', text: '- slug: world\n  name: World\n' },
    authors: { display: 'authors.yaml', relative: 'authors.yaml', text: '- slug: jane-roe\n  name: Jane Roe\n' },
    articles: [{ display: 'story.md', relative: 'articles/story.md', text }],
  };
  const { problems, content } = validateContent(files, { timeZone: 'Europe/London', publicDir: folder.publicDir });
  expect(problems).toEqual([]);
  return content.articles[0]!;
}

describe('article history', () => {
  it('rebuilds every version exactly as its file said at that seed', async () => {
    const id = await seedSteps();
    const stored = (await readStoredVersions(db.prisma, id))!;
    expect(stored).toHaveLength(STEPS.length);
    stored.forEach((version, index) => {
      const file = parse(STEPS[index]!.file);
      expect({
        headline: version.headline,
        standfirst: version.standfirst,
        body: version.body,
        status: version.status,
        publishedAt: version.publishedAt,
        authors: version.authors,
        image: version.image,
        corrections: version.corrections,
        minorChange: version.minorChange,
      }).toEqual({
        headline: file.headline,
        standfirst: file.standfirst,
        body: file.body,
        status: file.status,
        publishedAt: file.publishedAt,
        authors: file.authors,
        image: file.image && { src: file.image.src, alt: file.image.alt, caption: file.image.caption, credit: file.image.credit },
        corrections: file.corrections,
        minorChange: file.minorChange,
      });
    });
  });

  it('shows only the versions readers saw, newest first, with word diffs and changes in words', async () => {
    const id = await seedSteps();
    const stored = (await readStoredVersions(db.prisma, id))!;
    const versions = publicVersions(stored, new Date('2025-08-01T00:00:00Z'), new Map([['jane-roe', 'Jane Roe']]));
    expect(versions.map((v) => [v.number, v.publicAt, v.minor])).toEqual([
      [3, '2025-07-12T09:00:00.000Z', true],
      [2, '2025-07-10T09:00:00.000Z', false],
      // First public: dated by its publication time, not by the seed that made it.
      [1, '2025-07-03T09:00:00.000Z', false],
    ]);
    expect(JSON.stringify(versions)).not.toMatch(/Draft words|Scheduled words/);
    const second = versions[1]!;
    expect(second.changes?.headline).toEqual([
      { text: 'Harbour reopens ', change: 'same' },
      { text: 'after storm', change: 'added' },
    ]);
    expect(second.changes?.standfirst).toBeNull();
    expect(second.changes?.body?.[0]).toEqual([
      { text: 'The harbour reopened on ', change: 'same' },
      { text: 'Monday', change: 'removed' },
      { text: 'Tuesday', change: 'added' },
      { text: '.', change: 'same' },
    ]);
    expect(second.changes?.body?.[2]).toEqual([{ text: 'The mayor spoke.', change: 'added' }]);
    expect(second.changes?.notes).toEqual([
      'The lead image\'s credit changed to "Photo: Ann Lee".',
      'The byline (Jane Roe) was removed.',
    ]);
    expect(second.corrections).toEqual([
      { position: 0, date: '2025-07-08T23:00:00.000Z', kind: 'CORRECTION', text: correction.text },
    ]);
    const minor = versions[0]!.changes?.body?.[2] ?? [];
    expect(minor.filter((part) => part.change !== 'same').map((part) => [part.change, part.text.trim()])).toEqual([
      ['added', 'briefly'],
    ]);
    expect(versions[0]!.corrections).toEqual([]);
  });

  it('keeps the "Updated" time of the last change that was not minor', async () => {
    await seedSteps();
    const row = await db.prisma.article.findUniqueOrThrow({ where: { key: 'story' } });
    expect(row.updatedAt.toISOString()).toBe('2025-07-10T09:00:00.000Z');
    expect(row.minorChange).toBe(true);
  });

  it('has no history for an article readers cannot see', async () => {
    folder.write('articles/story.md', STEPS[0]!.file);
    await seed(db, folder, new Date(STEPS[0]!.at));
    expect(await findArticleHistory(db.prisma, new Date('2025-08-01T00:00:00Z'), 'story')).toBeNull();
  });

  it('lists public corrections site-wide, newest first, a page at a time', async () => {
    const corrections = (day: number) =>
      Array.from({ length: 6 }, (_, n) => ({ date: `2025-07-${String(day + n).padStart(2, '0')}`, kind: 'clarification', text: `Note ${day + n}.` }));
    folder.write('articles/one.md', articleFile({ slug: 'one', headline: 'One', corrections: corrections(4) }));
    folder.write('articles/two.md', articleFile({ slug: 'two', headline: 'Two', corrections: corrections(10) }));
    folder.write('articles/hidden.md', articleFile({ slug: 'hidden', headline: 'Hidden', status: 'draft', corrections: corrections(20) }));
    const result = await seed(db, folder);
    expect(result.ok).toBe(true);
    const now = new Date('2025-08-01T00:00:00Z');
    const first = (await findCorrectionsPage(db.prisma, now, 1))!;
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 12 });
    expect(first.items.map((item) => item.text).slice(0, 3)).toEqual(['Note 15.', 'Note 14.', 'Note 13.']);
    expect(first.items[0]).toMatchObject({ position: 5, article: { key: 'two', slug: 'two', headline: 'Two' } });
    expect((await findCorrectionsPage(db.prisma, now, 2))!.items).toHaveLength(2);
    expect(await findCorrectionsPage(db.prisma, now, 3)).toBeNull();
  });
});
