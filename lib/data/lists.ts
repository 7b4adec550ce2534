import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { publicArticleWhere, summarySelect, toSummary } from './queries';
import type { ArticleSummary, AuthorProfile, ListPage, SectionFront, SectionProfile, TagRef } from './types';

// Lists of public stories: the front page, section, tag and author pages, related stories. Like
// queries.ts, each read takes the client and "now"; pages reach them through front-page.ts, listing-pages.ts and article.ts.

export const LIST_PAGE_SIZE = 10;
/** Stories per section on the front page, after the lead. */
export const FRONT_SECTION_SIZE = 4;

const newestFirst = [{ publishedAt: 'desc' }, { id: 'desc' }] satisfies Prisma.ArticleOrderByWithRelationInput[];

/**
 * One page of the public articles matching `where`, newest first, or null when the page is past
 * the end. Page 1 always exists, so an empty list still has a page to say so.
 */
async function listPage(
  db: PrismaClient,
  now: Date,
  where: Prisma.ArticleWhereInput,
  page: number,
): Promise<ListPage<ArticleSummary> | null> {
  const filter = { AND: [publicArticleWhere(now), where] };
  const total = await db.article.count({ where: filter });
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
  const rows = await db.article.findMany({
    where: filter,
    orderBy: newestFirst,
    select: summarySelect,
    skip: (page - 1) * LIST_PAGE_SIZE,
    take: LIST_PAGE_SIZE,
  });
  return { items: rows.map(toSummary), page, pageCount, total };
}

export async function findSectionPage(
  db: PrismaClient,
  now: Date,
  slug: string,
  page: number,
): Promise<{ section: SectionProfile; list: ListPage<ArticleSummary> } | null> {
  const section = await db.section.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, description: true } });
  if (!section) return null;
  const list = await listPage(db, now, { sectionId: section.id }, page);
  return list && { section: { slug: section.slug, name: section.name, description: section.description }, list };
}

/** A tag's page exists only while a public article carries the tag: drafts must not reveal tags. */
export async function findTagPage(
  db: PrismaClient,
  now: Date,
  slug: string,
  page: number,
): Promise<{ tag: TagRef; list: ListPage<ArticleSummary> } | null> {
  const tag = await db.tag.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!tag) return null;
  const list = await listPage(db, now, { tags: { some: { tagId: tag.id } } }, page);
  if (!list || list.total === 0) return null;
  return { tag: { slug: tag.slug, name: tag.name }, list };
}

export async function findAuthorPage(
  db: PrismaClient,
  now: Date,
  slug: string,
  page: number,
): Promise<{ author: AuthorProfile; list: ListPage<ArticleSummary> } | null> {
  const author = await db.author.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, role: true, bio: true } });
  if (!author) return null;
  const list = await listPage(db, now, { authors: { some: { authorId: author.id } } }, page);
  return list && { author: { slug: author.slug, name: author.name, role: author.role, bio: author.bio }, list };
}

/** The newest story as the lead, then each section's newest stories (without the lead), in section order. */
export async function findFrontPage(
  db: PrismaClient,
  now: Date,
): Promise<{ lead: ArticleSummary | null; sections: SectionFront[] }> {
  const isPublic = publicArticleWhere(now);
  const lead = await db.article.findFirst({ where: isPublic, orderBy: newestFirst, select: { id: true, ...summarySelect } });
  const sections = await db.section.findMany({
    select: { id: true, slug: true, name: true },
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
  });
  const fronts = await Promise.all(
    sections.map(async ({ id, slug, name }) => {
      const rows = await db.article.findMany({
        where: { AND: [isPublic, { sectionId: id }, lead ? { id: { not: lead.id } } : {}] },
        orderBy: newestFirst,
        select: summarySelect,
        take: FRONT_SECTION_SIZE,
      });
      return { section: { slug, name }, articles: rows.map(toSummary) };
    }),
  );
  return { lead: lead && toSummary(lead), sections: fronts.filter((front) => front.articles.length > 0) };
}

/** Public stories sharing a tag or the section with the article, newest first, never the article itself. */
export async function findRelatedArticles(
  db: PrismaClient,
  now: Date,
  slug: string,
  take: number,
): Promise<ArticleSummary[]> {
  const article = await db.article.findUnique({ where: { slug }, select: { id: true, sectionId: true, tags: { select: { tagId: true } } } });
  if (!article) return [];
  const rows = await db.article.findMany({
    where: {
      AND: [
        publicArticleWhere(now),
        { id: { not: article.id } },
        {
          OR: [
            { sectionId: article.sectionId },
            { tags: { some: { tagId: { in: article.tags.map(({ tagId }) => tagId) } } } },
          ],
        },
      ],
    },
    orderBy: newestFirst,
    select: summarySelect,
    take,
  });
  return rows.map(toSummary);
}
