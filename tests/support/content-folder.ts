import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { TestDatabase } from './database';
import { seedContent, type SeedResult } from '../../lib/content/seed';

// Helpers for the content tests: real folders of real files, seeded into real databases (SQLite files, or PostgreSQL with TEST_DATABASE=postgresql).

export const SECTIONS_YAML = stringify([
  { slug: 'world', name: 'World' },
  { slug: 'politics', name: 'Politics' },
]);
export const AUTHORS_YAML = stringify([{ slug: 'jane-roe', name: 'Jane Roe', role: 'Reporter' }]);

export interface ContentFolder {
  dir: string;
  publicDir: string;
  write(relative: string, text: string): void;
  remove(relative: string): void;
  dispose(): void;
}

export function createContentFolder(articles: Record<string, string> = {}): ContentFolder {
  const root = mkdtempSync(path.join(tmpdir(), 'news-content-'));
  const dir = path.join(root, 'content');
  const publicDir = path.join(root, 'public');
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  mkdirSync(path.join(publicDir, 'images'), { recursive: true });
  const folder: ContentFolder = {
    dir,
    publicDir,
    write(relative, text) {
      mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      writeFileSync(path.join(dir, relative), text);
    },
    remove(relative) {
      rmSync(path.join(dir, relative));
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  folder.write('sections.yaml', SECTIONS_YAML);
  folder.write('authors.yaml', AUTHORS_YAML);
  for (const [key, text] of Object.entries(articles)) folder.write(`articles/${key}.md`, text);
  return folder;
}

/** An article file: front matter from `fields` (a valid published article unless overridden). */
export function articleFile(
  fields: Record<string, unknown> = {},
  body = 'A first paragraph.\n\nA second paragraph.',
): string {
  const frontMatter = {
    slug: 'an-article',
    headline: 'An article',
    section: 'world',
    authors: ['jane-roe'],
    status: 'published',
    publishedAt: '2025-07-03',
    ...fields,
  };
  for (const [key, value] of Object.entries(frontMatter))
    if (value === undefined) delete (frontMatter as Record<string, unknown>)[key];
  return `---\n${stringify(frontMatter)}---\n\n${body}\n`;
}

export function seed(
  db: TestDatabase,
  folder: ContentFolder,
  now = new Date('2025-08-01T12:00:00Z'),
): Promise<SeedResult> {
  return seedContent({
    prisma: db.prisma,
    contentDir: folder.dir,
    publicDir: folder.publicDir,
    timeZone: 'Europe/London',
    now,
  });
}

/**
 * A hash of everything the database holds (TestDatabase.snapshot): the SQLite file byte for byte,
 * or every row and sequence of a PostgreSQL database.
 */
export function databaseFingerprint(db: TestDatabase): Promise<string> {
  return db.snapshot();
}
