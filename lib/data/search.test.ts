import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { articleRow, createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { findSearchResults, SEARCH_PAGE_SIZE } from './search';
import { normaliseQuery, SEARCH_QUERY_MAX_LENGTH, searchTerms } from './search-terms';
import { ftsQuery } from './search-sqlite';
import type { HighlightedText } from './types';

// Search against a real migrated database (a SQLite file, or PostgreSQL with TEST_DATABASE=postgresql):
// the full-text index kept in step with every write, ranking, highlighting, and reader text that
// must never become an error.

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
let db: TestDatabase;

async function addArticle(slug: string, fields: Partial<Prisma.ArticleUncheckedCreateInput> = {}) {
  return db.prisma.article.create({
    data: articleRow(slug, new Date(NOW.getTime() - HOUR), { bodyText: 'Nothing to see here.', ...fields }),
  });
}

async function search(query: string, page = 1) {
  return findSearchResults(db.prisma, NOW, query, page);
}

const slugsOf = async (query: string) => ((await search(query))?.items ?? []).map((hit) => hit.slug);
const marked = (text: HighlightedText) => text.filter((piece) => piece.match).map((piece) => piece.text);

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.section.create({ data: { id: 1, slug: 'world', name: 'World' } });
  // "Quillfeather" once in each column of three stories: the headline must win, then the standfirst.
  await addArticle('in-body', { bodyText: 'A long report that mentions the quillfeather treaty only in passing.' });
  await addArticle('in-headline', { headline: 'Quillfeather treaty signed' });
  await addArticle('in-standfirst', { standfirst: 'Why the quillfeather treaty matters' });
  await addArticle('hostile-text', {
    headline: 'Tags <script>alert(1)</script> & "quotes"',
    bodyText: 'The <b>zanthorp</b> markup & <img src=x onerror=alert(1)> stays text.',
  });
  await addArticle('draft-quill', { status: 'DRAFT', headline: 'Quillfeather draft' });
  await addArticle('scheduled-quill', { headline: 'Quillfeather scheduled', publishedAt: new Date(NOW.getTime() + HOUR) });
  await addArticle('elections', { headline: 'Elections in the café district', bodyText: 'Voters voted.' });
  for (let index = 1; index <= 12; index++) {
    await addArticle(`many-${index}`, {
      bodyText: `Plentiful harvest number ${index}.`,
      publishedAt: new Date(NOW.getTime() - index * HOUR),
    });
  }
});

afterAll(async () => {
  await db.dispose();
});

describe('turning reader text into search terms', () => {
  it('keeps words, drops punctuation-only chunks, control characters and emoji', () => {
    expect(searchTerms('  trade\u0000 war 🙂 -- *  ')).toEqual(['trade', 'war']);
    expect(searchTerms('covid-19 "NEAR(a b)"')).toEqual(['covid-19', '"NEAR(a', 'b)"']);
    expect(searchTerms('!!! ??? 🙂🙂')).toEqual([]);
  });

  it('caps the length by characters, without splitting an emoji', () => {
    const query = normaliseQuery('🙂'.repeat(5000));
    expect(Array.from(query)).toHaveLength(SEARCH_QUERY_MAX_LENGTH);
    expect(query).not.toMatch(/\p{Cs}/u);
  });

  it('quotes every term for FTS5, doubling inner quotes', () => {
    expect(ftsQuery(['a"b', 'NOT', 'x*'])).toBe('"a""b" "NOT" "x*"');
  });
});

describe('searching', () => {
  it('ranks a match in the headline above the standfirst, and the standfirst above the body', async () => {
    expect(await slugsOf('quillfeather')).toEqual(['in-headline', 'in-standfirst', 'in-body']);
  });

  it('never finds drafts or stories not yet published', async () => {
    expect(await slugsOf('draft')).toEqual([]);
    expect(await slugsOf('scheduled')).toEqual([]);
  });

  it('requires every word, and matches word forms and accents loosely', async () => {
    expect(await slugsOf('quillfeather signed')).toEqual(['in-headline']);
    expect(await slugsOf('election cafe')).toEqual(['elections']);
    expect(await slugsOf('VOTE')).toEqual(['elections']);
  });

  it('marks the matched words in the headline, standfirst and excerpt', async () => {
    const results = await search('quillfeather treaty');
    const [headline, standfirst, body] = results?.items ?? [];
    expect(marked(headline?.headline ?? [])).toEqual(['Quillfeather', 'treaty']);
    expect(headline?.headline.map((piece) => piece.text).join('')).toBe('Quillfeather treaty signed');
    expect(marked(standfirst?.standfirst ?? [])).toEqual(['quillfeather', 'treaty']);
    expect(marked(body?.excerpt ?? [])).toEqual(['quillfeather', 'treaty']);
  });

  it('returns stored markup as plain text pieces, never as markup', async () => {
    const [hit] = (await search('zanthorp'))?.items ?? [];
    expect(hit?.excerpt.map((piece) => piece.text).join('')).toBe(
      'The <b>zanthorp</b> markup & <img src=x onerror=alert(1)> stays text.',
    );
    expect(marked(hit?.excerpt ?? [])).toEqual(['zanthorp']);
  });

  it('pages through results and has no page past the end', async () => {
    const first = await search('plentiful');
    expect(first).toMatchObject({ total: 12, pageCount: 2, page: 1 });
    expect(first?.items).toHaveLength(SEARCH_PAGE_SIZE);
    expect((await search('plentiful', 2))?.items.map((hit) => hit.slug)).toEqual(['many-11', 'many-12']);
    expect(await search('plentiful', 3)).toBeNull();
    expect(await search('plentiful', 0)).toBeNull();
  });

  it('ranks only the window of matches most recently added, and says there are more', async () => {
    // many-1 … many-12 were added in that order: a window of 5 holds many-8 … many-12, equal in
    // relevance, so newest first; the page past the window does not exist.
    const windowed = await findSearchResults(db.prisma, NOW, 'plentiful', 1, 5);
    expect(windowed).toMatchObject({ total: 5, more: true, pageCount: 1 });
    expect(windowed?.items.map((hit) => hit.slug)).toEqual(['many-8', 'many-9', 'many-10', 'many-11', 'many-12']);
    expect(await findSearchResults(db.prisma, NOW, 'plentiful', 2, 5)).toBeNull();
    // Exactly as many matches as the window: the count is exact.
    expect(await findSearchResults(db.prisma, NOW, 'plentiful', 2, 12)).toMatchObject({ total: 12, more: false });
    expect(await search('plentiful')).toMatchObject({ total: 12, more: false });
  });

  it('gives each result its story’s address, section and publication time', async () => {
    const [hit] = (await search('quillfeather signed'))?.items ?? [];
    expect(hit).toMatchObject({
      slug: 'in-headline',
      section: { slug: 'world', name: 'World' },
      publishedAt: new Date(NOW.getTime() - HOUR).toISOString(),
      publishedDateOnly: false,
    });
  });

  it.each(
    [
      '"',
      '"unbalanced',
      'quillfeather"',
      '(((',
      'a) OR (b',
      'quillfeather AND NOT treaty',
      'NEAR(quillfeather treaty, 2)',
      'quill*',
      '^quillfeather',
      'headline:quillfeather',
      '{headline standfirst}: x',
      '-quillfeather',
      "' OR 1=1 --",
      '\u0000\u0001\u007f\u202e',
      '🙂 quillfeather 👍🏽',
      'quillfeather '.repeat(500),
      'x'.repeat(5000),
    ].map((query) => ({ query, label: query.length > 40 ? `${query.length} characters` : JSON.stringify(query) })),
  )('answers $label without an error', async ({ query }) => {
    const results = await search(query);
    expect(results).not.toBeNull();
    expect(results?.total).toBeGreaterThanOrEqual(0);
  });

  it('treats operators as words', async () => {
    expect(await slugsOf('quillfeather AND treaty')).toEqual([]);
    expect(await slugsOf('quillfeather OR nonsense')).toEqual([]);
    expect(await slugsOf('quill*')).toEqual([]);
    expect(await slugsOf('🙂 quillfeather signed 👍🏽')).toEqual(['in-headline']);
  });

  it('has no results, not an error, for text without words', async () => {
    expect(await search('🙂 *** "')).toMatchObject({ total: 0, items: [], terms: [] });
  });
});

describe('the index follows every write', () => {
  it('sees updated text and forgets deleted articles', async () => {
    const article = await addArticle('changing', { headline: 'Marmalade crisis deepens' });
    expect(await slugsOf('marmalade')).toEqual(['changing']);
    await db.prisma.article.update({ where: { id: article.id }, data: { headline: 'Jam crisis deepens', bodyText: 'Jam.' } });
    expect(await slugsOf('marmalade')).toEqual([]);
    expect(await slugsOf('jam')).toEqual(['changing']);
    await db.prisma.article.update({ where: { id: article.id }, data: { status: 'UNPUBLISHED' } });
    expect(await slugsOf('jam')).toEqual([]);
    await db.prisma.article.delete({ where: { id: article.id } });
    // FTS5's own check compares the index with the rows and fails with an error when they differ.
    // (PostgreSQL's index is a generated column of the row itself: nothing to drift.)
    if (dialectOf(db.prisma) === 'sqlite') {
      await db.prisma.$executeRaw`INSERT INTO "ArticleSearch" ("ArticleSearch", rank) VALUES ('integrity-check', 1)`;
    }
    expect(await slugsOf('jam')).toEqual([]);
  });
});
