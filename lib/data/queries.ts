import type { PrismaClient } from '../generated/prisma/client';
import type { Prisma } from '../generated/prisma/client';
import type { ArticleDetail, ArticleSummary, SectionRef } from './types';

// The database reads behind every page. Each takes the client and "now" explicitly: publishing rules
// depend on the time, and tests ask what is public at a given moment. Pages never call these
// directly; they go through the functions in article.ts, front-page.ts, listing-pages.ts and the like.

/** What "public" means everywhere: published, and its publication time has come. */
export function publicArticleWhere(now: Date): Prisma.ArticleWhereInput {
  return { status: 'PUBLISHED', publishedAt: { lte: now } };
}

// Shared with lists.ts and search.ts: every list of stories shows the same fields.
export const summarySelect = {
  slug: true,
  headline: true,
  standfirst: true,
  publishedAt: true,
  publishedDateOnly: true,
  updatedAt: true,
  imageSrc: true,
  imageAlt: true,
  imageCaption: true,
  imageCredit: true,
  imageWidth: true,
  imageHeight: true,
  section: { select: { slug: true, name: true } },
  authors: { select: { author: { select: { slug: true, name: true } } }, orderBy: { position: 'asc' } },
} satisfies Prisma.ArticleSelect;

// Shared with distribution.ts: feeds and structured data use the same fields as the article page.
export const detailSelect = {
  ...summarySelect,
  key: true,
  bodyHtml: true,
  bodyText: true,
  wordCount: true,
  tags: { select: { tag: { select: { slug: true, name: true } } }, orderBy: { tag: { name: 'asc' } } },
  corrections: { select: { date: true, kind: true, text: true }, orderBy: [{ date: 'asc' }, { position: 'asc' }] },
} satisfies Prisma.ArticleSelect;

export type SummaryRow = Prisma.ArticleGetPayload<{ select: typeof summarySelect }>;
type DetailRow = Prisma.ArticleGetPayload<{ select: typeof detailSelect }>;

export function toSummary(row: SummaryRow): ArticleSummary {
  return {
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    // publicArticleWhere guarantees a publication time; a draft never reaches this mapper.
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    publishedDateOnly: row.publishedDateOnly,
    updatedAt: row.updatedAt.toISOString(),
    section: row.section,
    authors: row.authors.map(({ author }) => author),
    image:
      row.imageSrc && row.imageAlt
        ? {
            src: row.imageSrc,
            alt: row.imageAlt,
            caption: row.imageCaption,
            credit: row.imageCredit,
            width: row.imageWidth,
            height: row.imageHeight,
          }
        : null,
  };
}

export function toDetail(row: DetailRow): ArticleDetail {
  return {
    ...toSummary(row),
    key: row.key,
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    wordCount: row.wordCount,
    tags: row.tags.map(({ tag }) => tag),
    corrections: row.corrections.map((c) => ({ date: c.date.toISOString(), kind: c.kind, text: c.text })),
  };
}

export async function findArticle(db: PrismaClient, now: Date, slug: string): Promise<ArticleDetail | null> {
  const row = await db.article.findFirst({ where: { slug, ...publicArticleWhere(now) }, select: detailSelect });
  return row ? toDetail(row) : null;
}

/** The current slug of a public article that used to live at `oldSlug`, or null. */
export async function findRedirectTarget(db: PrismaClient, now: Date, oldSlug: string): Promise<string | null> {
  const redirect = await db.redirect.findUnique({
    where: { fromSlug: oldSlug },
    select: { article: { select: { slug: true, status: true, publishedAt: true } } },
  });
  const article = redirect?.article;
  if (!article || article.status !== 'PUBLISHED' || !article.publishedAt || article.publishedAt > now) return null;
  return article.slug;
}

export async function findSections(db: PrismaClient): Promise<SectionRef[]> {
  return db.section.findMany({ select: { slug: true, name: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
}

/** Publication times still to come, in milliseconds: the moments when public content changes by itself. */
export async function findScheduledTimes(db: PrismaClient, now: Date): Promise<number[]> {
  const rows = await db.article.findMany({
    where: { status: 'PUBLISHED', publishedAt: { gt: now } },
    select: { publishedAt: true },
    orderBy: { publishedAt: 'asc' },
  });
  return rows.flatMap((row) => (row.publishedAt ? [row.publishedAt.getTime()] : []));
}
