import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../generated/prisma/client';
import { articleRow, createTestDatabase, type TestDatabase } from '../../tests/support/database';
import {
  findAuthorPage,
  findFrontPage,
  findRelatedArticles,
  findSectionPage,
  findTagPage,
  FRONT_SECTION_SIZE,
  LIST_PAGE_SIZE,
} from './lists';

// Section, tag and author pages, the front page and related stories, against a real migrated
// SQLite file: what each list holds, in which order, and where its pages end.

const NOW = new Date('2026-03-10T12:00:00Z');
const MINUTE = 60_000;
let db: TestDatabase;

async function addArticle(slug: string, ageMinutes: number, fields: Partial<Prisma.ArticleUncheckedCreateInput> = {}) {
  return db.prisma.article.create({ data: articleRow(slug, new Date(NOW.getTime() - ageMinutes * MINUTE), fields) });
}

const slugs = (items: { slug: string }[]) => items.map((item) => item.slug);

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.section.createMany({
    data: [
      { id: 1, slug: 'world', name: 'World', position: 0, description: 'News from everywhere.' },
      { id: 2, slug: 'business', name: 'Business', position: 1 },
      { id: 3, slug: 'empty', name: 'Empty', position: 2 },
    ],
  });
  const author = await db.prisma.author.create({ data: { slug: 'ada-byline', name: 'Ada Byline', role: 'Editor', bio: 'Writes.' } });
  await db.prisma.author.create({ data: { slug: 'no-stories', name: 'No Stories' } });
  const tag = await db.prisma.tag.create({ data: { slug: 'trade', name: 'Trade' } });
  const draftOnly = await db.prisma.tag.create({ data: { slug: 'secret-plan', name: 'Secret plan' } });

  // 23 world stories, world-1 the newest: three pages of ten.
  for (let index = 1; index <= 23; index++) {
    const article = await addArticle(`world-${index}`, index * 10);
    if (index % 2 === 1) await db.prisma.articleAuthor.create({ data: { articleId: article.id, authorId: author.id } });
  }
  const business = await addArticle('business-1', 5, { sectionId: 2 });
  const oldBusiness = await addArticle('business-2', 1000, { sectionId: 2 });
  const world3 = await db.prisma.article.findUniqueOrThrow({ where: { slug: 'world-3' } });
  await db.prisma.articleTag.createMany({
    data: [business, oldBusiness, world3].map((article) => ({ articleId: article.id, tagId: tag.id })),
  });
  const draft = await addArticle('world-draft', 1, { status: 'DRAFT' });
  await addArticle('world-scheduled', -60);
  await db.prisma.articleTag.createMany({
    data: [
      { articleId: draft.id, tagId: tag.id },
      { articleId: draft.id, tagId: draftOnly.id },
    ],
  });
  await db.prisma.articleAuthor.create({ data: { articleId: draft.id, authorId: author.id } });
});

afterAll(async () => {
  await db.dispose();
});

describe('section pages', () => {
  it('lists the section newest first, ten to a page, without drafts or scheduled stories', async () => {
    const first = await findSectionPage(db.prisma, NOW, 'world', 1);
    expect(first?.section).toEqual({ slug: 'world', name: 'World', description: 'News from everywhere.' });
    expect(first?.list).toMatchObject({ page: 1, pageCount: 3, total: 23 });
    expect(slugs(first?.list.items ?? [])).toEqual(Array.from({ length: LIST_PAGE_SIZE }, (_, i) => `world-${i + 1}`));
    const last = await findSectionPage(db.prisma, NOW, 'world', 3);
    expect(slugs(last?.list.items ?? [])).toEqual(['world-21', 'world-22', 'world-23']);
  });

  it('has no page past the end, nor below one', async () => {
    expect(await findSectionPage(db.prisma, NOW, 'world', 4)).toBeNull();
    expect(await findSectionPage(db.prisma, NOW, 'world', 0)).toBeNull();
    expect(await findSectionPage(db.prisma, NOW, 'world', -1)).toBeNull();
    expect(await findSectionPage(db.prisma, NOW, 'world', 1.5)).toBeNull();
  });

  it('gives an empty section one empty page, and an unknown section none', async () => {
    expect((await findSectionPage(db.prisma, NOW, 'empty', 1))?.list).toEqual({ items: [], page: 1, pageCount: 1, total: 0 });
    expect(await findSectionPage(db.prisma, NOW, 'empty', 2)).toBeNull();
    expect(await findSectionPage(db.prisma, NOW, 'nowhere', 1)).toBeNull();
  });

  it('shows a scheduled story once its time has come', async () => {
    const later = await findSectionPage(db.prisma, new Date(NOW.getTime() + 61 * MINUTE), 'world', 1);
    expect(later?.list.items[0]?.slug).toBe('world-scheduled');
  });
});

describe('tag pages', () => {
  it('lists public stories carrying the tag, newest first', async () => {
    const result = await findTagPage(db.prisma, NOW, 'trade', 1);
    expect(result?.tag).toEqual({ slug: 'trade', name: 'Trade' });
    expect(slugs(result?.list.items ?? [])).toEqual(['business-1', 'world-3', 'business-2']);
  });

  it('does not exist for a tag only drafts carry', async () => {
    expect(await findTagPage(db.prisma, NOW, 'secret-plan', 1)).toBeNull();
    expect(await findTagPage(db.prisma, NOW, 'unknown', 1)).toBeNull();
  });
});

describe('author pages', () => {
  it('shows the profile and the author’s public stories', async () => {
    const result = await findAuthorPage(db.prisma, NOW, 'ada-byline', 1);
    expect(result?.author).toEqual({ slug: 'ada-byline', name: 'Ada Byline', role: 'Editor', bio: 'Writes.' });
    expect(result?.list.total).toBe(12);
    expect(result?.list.items[0]?.slug).toBe('world-1');
    expect(slugs((await findAuthorPage(db.prisma, NOW, 'ada-byline', 2))?.list.items ?? [])).toEqual(['world-21', 'world-23']);
  });

  it('exists for an author without stories, and not for an unknown one', async () => {
    expect((await findAuthorPage(db.prisma, NOW, 'no-stories', 1))?.list.total).toBe(0);
    expect(await findAuthorPage(db.prisma, NOW, 'nobody', 1)).toBeNull();
  });
});

describe('front page', () => {
  it('leads with the newest story and shows each section’s newest, without repeating the lead', async () => {
    const front = await findFrontPage(db.prisma, NOW);
    expect(front.lead?.slug).toBe('business-1');
    expect(front.sections.map((entry) => entry.section.slug)).toEqual(['world', 'business']);
    expect(slugs(front.sections[0]?.articles ?? [])).toEqual(
      Array.from({ length: FRONT_SECTION_SIZE }, (_, i) => `world-${i + 1}`),
    );
    expect(slugs(front.sections[1]?.articles ?? [])).toEqual(['business-2']);
  });
});

describe('related stories', () => {
  it('shares a tag or the section, newest first, never the story itself nor a draft', async () => {
    const related = await findRelatedArticles(db.prisma, NOW, 'business-2', 5);
    expect(slugs(related)).toEqual(['business-1', 'world-3']);
    const forWorld = await findRelatedArticles(db.prisma, NOW, 'world-3', 4);
    expect(slugs(forWorld)).toEqual(['business-1', 'world-1', 'world-2', 'world-4']);
  });

  it('is empty for an unknown story', async () => {
    expect(await findRelatedArticles(db.prisma, NOW, 'nowhere', 4)).toEqual([]);
  });
});
