import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../generated/prisma/client';
import { articleRow, createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { findFrontPage } from './lists';
import { findArticle, findRedirectTarget, findScheduledTimes, findSections } from './queries';

// The publishing rules every page relies on, checked against a real migrated SQLite file.

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
let db: TestDatabase;

async function addArticle(slug: string, fields: Partial<Prisma.ArticleUncheckedCreateInput> = {}) {
  return db.prisma.article.create({ data: articleRow(slug, new Date(NOW.getTime() - HOUR), fields) });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.section.createMany({
    data: [
      { id: 1, slug: 'world', name: 'World', position: 1 },
      { id: 2, slug: 'business', name: 'Business', position: 0 },
    ],
  });
  const author = await db.prisma.author.create({ data: { slug: 'ada-byline', name: 'Ada Byline' } });
  const second = await db.prisma.author.create({ data: { slug: 'bo-second', name: 'Bo Second' } });
  const lead = await addArticle('older-story', { publishedAt: new Date(NOW.getTime() - 5 * HOUR) });
  await db.prisma.articleAuthor.createMany({
    data: [
      { articleId: lead.id, authorId: second.id, position: 1 },
      { articleId: lead.id, authorId: author.id, position: 0 },
    ],
  });
  await addArticle('newer-story', { publishedAt: new Date(NOW.getTime() - 2 * HOUR) });
  await addArticle('a-draft', { status: 'DRAFT' });
  await addArticle('withdrawn-story', { status: 'UNPUBLISHED' });
  await addArticle('scheduled-story', { publishedAt: new Date(NOW.getTime() + HOUR) });
  const moved = await addArticle('current-slug');
  await db.prisma.redirect.create({ data: { fromSlug: 'old-slug', articleId: moved.id } });
  const draft = await db.prisma.article.findUniqueOrThrow({ where: { slug: 'a-draft' } });
  await db.prisma.redirect.create({ data: { fromSlug: 'old-draft-slug', articleId: draft.id } });
});

afterAll(async () => {
  await db.dispose();
});

describe('public articles', () => {
  it('puts the newest public article first, without drafts, withdrawn or scheduled ones', async () => {
    const front = await findFrontPage(db.prisma, NOW);
    expect(front.lead?.slug).toBe('current-slug');
    expect(front.sections.flatMap(({ articles }) => articles.map((article) => article.slug))).toEqual(['newer-story', 'older-story']);
  });

  it('shows a scheduled article once its time has come', async () => {
    const later = new Date(NOW.getTime() + HOUR);
    expect((await findFrontPage(db.prisma, later)).lead?.slug).toBe('scheduled-story');
    expect(await findArticle(db.prisma, NOW, 'scheduled-story')).toBeNull();
    expect(await findArticle(db.prisma, later, 'scheduled-story')).not.toBeNull();
  });

  it('returns null for a draft, a withdrawn article or an unknown slug', async () => {
    expect(await findArticle(db.prisma, NOW, 'a-draft')).toBeNull();
    expect(await findArticle(db.prisma, NOW, 'withdrawn-story')).toBeNull();
    expect(await findArticle(db.prisma, NOW, 'no-such-story')).toBeNull();
  });

  it('returns the byline in its order and dates as ISO strings', async () => {
    const article = await findArticle(db.prisma, NOW, 'older-story');
    expect(article?.authors.map((author) => author.slug)).toEqual(['ada-byline', 'bo-second']);
    expect(article?.publishedAt).toBe(new Date(NOW.getTime() - 5 * HOUR).toISOString());
    expect(article?.section).toEqual({ slug: 'world', name: 'World' });
  });
});

describe('redirects', () => {
  it('points an old slug at the public article', async () => {
    expect(await findRedirectTarget(db.prisma, NOW, 'old-slug')).toBe('current-slug');
  });

  it('never reveals a draft through an old slug', async () => {
    expect(await findRedirectTarget(db.prisma, NOW, 'old-draft-slug')).toBeNull();
    expect(await findRedirectTarget(db.prisma, NOW, 'never-existed')).toBeNull();
  });
});

describe('schedule and sections', () => {
  it('lists only future publication times of published articles', async () => {
    expect(await findScheduledTimes(db.prisma, NOW)).toEqual([NOW.getTime() + HOUR]);
    expect(await findScheduledTimes(db.prisma, new Date(NOW.getTime() + HOUR))).toEqual([]);
  });

  it('orders sections by position', async () => {
    expect((await findSections(db.prisma)).map((section) => section.slug)).toEqual(['business', 'world']);
  });
});
