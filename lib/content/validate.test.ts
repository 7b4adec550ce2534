import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { formatProblem } from './report';
import {
  articleFile,
  type ContentFolder,
  createContentFolder,
  databaseFingerprint,
  seed,
} from '../../tests/support/content-folder';

// Every case runs the real seed against a migrated SQLite file that already holds an article, with
// a folder where one file is wrong and another holds a valid change. The seed must name the file
// and field, and leave the database file byte-for-byte as it was: not even the valid change lands.

let db: TestDatabase;
let base: ContentFolder;

beforeAll(async () => {
  db = await createTestDatabase();
  base = createContentFolder({ existing: articleFile({ slug: 'existing', headline: 'Existing' }) });
  const result = await seed(db, base);
  expect(result.ok).toBe(true);
});

afterAll(async () => {
  await db.dispose();
  base.dispose();
});

/** Seeds a folder holding the existing article (changed) plus `broken`; returns the messages. */
async function seedBroken(broken: Record<string, string>, setup?: (folder: ContentFolder) => void): Promise<string[]> {
  const folder = createContentFolder({
    existing: articleFile({ slug: 'existing', headline: 'Existing, changed' }),
    ...broken,
  });
  setup?.(folder);
  try {
    const before = await databaseFingerprint(db);
    const result = await seed(db, folder);
    expect(await databaseFingerprint(db)).toBe(before);
    if (result.ok) throw new Error('the seed accepted broken content');
    return result.problems.map(formatProblem);
  } finally {
    folder.dispose();
  }
}

function expectMessage(messages: string[], ...parts: (string | RegExp)[]): void {
  const match = messages.find((message) =>
    parts.every((part) => (typeof part === 'string' ? message.includes(part) : part.test(message))),
  );
  expect(match, `no message with ${parts.join(' + ')} in:\n${messages.join('\n')}`).toBeDefined();
}

describe('the seed refuses invalid content, writes nothing, and says where', () => {
  it('broken YAML: names the file and the line', async () => {
    const messages = await seedBroken({
      broken: '---\nslug: broken\nheadline: Putin call: no progress\nsection: world\n---\n\nText.\n',
    });
    expect(messages).toHaveLength(1);
    expectMessage(messages, 'articles/broken.md:3', 'broken YAML');
  });

  it('a required field that is missing or empty', async () => {
    const messages = await seedBroken({
      missing: articleFile({ slug: 'missing', headline: undefined }),
      empty: articleFile({ slug: 'empty', headline: '   ' }),
    });
    expectMessage(
      messages,
      'articles/missing.md',
      'headline:',
      'found nothing (the field is missing)',
      'expected a headline',
    );
    expectMessage(messages, 'articles/empty.md:3 headline:', 'found empty text', 'expected a headline');
  });

  it('an unknown section or author', async () => {
    const messages = await seedBroken({
      'wrong-section': articleFile({ slug: 'wrong-section', section: 'sport' }),
      'wrong-author': articleFile({ slug: 'wrong-author', authors: ['jane-roe', 'jane-doe'] }),
    });
    expectMessage(messages, 'articles/wrong-section.md:', 'section:', 'found "sport"', 'world, politics');
    expectMessage(messages, 'articles/wrong-author.md:', 'authors[1]:', 'found "jane-doe"', 'did you mean "jane-roe"?');
  });

  it('the same slug in two files: both are named', async () => {
    const messages = await seedBroken({
      first: articleFile({ slug: 'same-slug' }),
      second: articleFile({ slug: 'same-slug' }),
    });
    expectMessage(messages, 'articles/first.md:2 slug:', 'also used by', 'articles/second.md');
    expectMessage(messages, 'articles/second.md:2 slug:', 'also used by', 'articles/first.md');
  });

  it('an impossible or malformed date', async () => {
    const messages = await seedBroken({
      impossible: articleFile({ slug: 'impossible', publishedAt: '2025-02-30' }),
      malformed: articleFile({ slug: 'malformed', publishedAt: '03/07/2025' }),
      correction: articleFile({
        slug: 'correction',
        corrections: [{ date: '2025-13-01', kind: 'correction', text: 'Fixed.' }],
      }),
    });
    expectMessage(messages, 'articles/impossible.md:', 'publishedAt:', 'found "2025-02-30"', 'expected a real date');
    expectMessage(messages, 'articles/malformed.md:', 'publishedAt:', 'found "03/07/2025"');
    expectMessage(messages, 'articles/correction.md:', 'corrections[0].date:', 'found "2025-13-01"');
  });

  it('a slug that cannot be a URL segment, with a suggestion', async () => {
    const messages = await seedBroken({ 'bad-slug': articleFile({ slug: 'Putin call: no progress!' }) });
    expectMessage(
      messages,
      'articles/bad-slug.md:2 slug:',
      'found "Putin call: no progress!"',
      '"putin-call-no-progress" would do',
    );
  });

  it('a lead image without alt text, or whose file is not in public/', async () => {
    const messages = await seedBroken({
      'no-alt': articleFile({
        slug: 'no-alt',
        image: { src: 'https://images.example.org/a.jpg', caption: 'A caption' },
      }),
      'no-file': articleFile({ slug: 'no-file', image: { src: '/images/missing.jpg', alt: 'A photo' } }),
    });
    expectMessage(messages, 'articles/no-alt.md', 'image.alt:', 'found nothing', 'expected alt text');
    expectMessage(messages, 'articles/no-file.md:', 'image.src:', 'found "/images/missing.jpg"', 'exists in');
  });

  it('a lead image file that is not an image', async () => {
    const messages = await seedBroken(
      { 'not-image': articleFile({ slug: 'not-image', image: { src: '/images/notes.jpg', alt: 'A photo' } }) },
      (folder) => writeFileSync(path.join(folder.publicDir, 'images', 'notes.jpg'), 'meeting notes, not a photo'),
    );
    expectMessage(
      messages,
      'articles/not-image.md:',
      'image.src:',
      'found "/images/notes.jpg"',
      'an image file a browser can show',
    );
  });

  it('an unknown field, with the field that was probably meant', async () => {
    const messages = await seedBroken({
      typo: articleFile({ slug: 'typo', headlne: 'Typo', headline: 'Typo' }),
      alias: articleFile({ slug: 'alias', title: 'Alias', headline: undefined }),
    });
    expectMessage(messages, 'articles/typo.md:', 'headlne:', 'unknown field "headlne"', 'did you mean "headline"?');
    expectMessage(messages, 'articles/alias.md:', 'title:', 'unknown field "title"', 'did you mean "headline"?');
  });

  it('reports every problem of every file at once', async () => {
    const messages = await seedBroken({
      a: articleFile({ slug: 'a', section: 'sport', publishedAt: '2025-02-30' }),
      b: articleFile({ slug: 'B B', status: 'live' }),
      c: 'no front matter here\n',
    });
    expectMessage(messages, 'articles/a.md', 'section:');
    expectMessage(messages, 'articles/a.md', 'publishedAt:');
    expectMessage(messages, 'articles/b.md', 'slug:');
    expectMessage(messages, 'articles/b.md', 'status:', 'found "live"', 'expected draft or published');
    expectMessage(messages, 'articles/c.md:1', 'no front matter');
    expect(messages).toHaveLength(5);
  });

  it('problems in sections.yaml are reported with the entry and line', async () => {
    const messages = await seedBroken({}, (folder) =>
      folder.write(
        'sections.yaml',
        '- slug: world\n  name: World\n- slug: world\n  name: World again\n- slug: sport\n  nme: Sport\n',
      ),
    );
    expectMessage(messages, 'sections.yaml:3 [1].slug:', 'found "world"');
    expectMessage(messages, 'sections.yaml:6 [2].nme:', 'did you mean "name"?');
    expectMessage(messages, 'sections.yaml:5 [2].name:', 'found nothing');
  });
});
