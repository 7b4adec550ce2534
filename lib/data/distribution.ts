import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { FeedChannel } from '../site/feeds';
import { newsWindowStart, NEWS_SITEMAP_LIMIT } from '../site/news-sitemap';
import type { FeedScope } from '../site/paths';
import { detailSelect, publicArticleWhere, summarySelect, toDetail, toSummary } from './queries';
import type { ArticleDetail, ArticleSummary } from './types';

// The reads behind feeds and sitemaps. Like queries.ts, each takes the client and "now"; the site
// reaches them through distribution-reads.ts. Which listings exist follows lists.ts: a section or an
// author exists while its row does, a tag only while a public article carries it.

const newestFirst = [{ publishedAt: 'desc' }, { id: 'desc' }] satisfies Prisma.ArticleOrderByWithRelationInput[];

/** The feed's channel and its latest public articles, or null when the section, tag or author is unknown. */
export async function findFeed(
  db: PrismaClient,
  now: Date,
  scope: FeedScope,
  take: number,
): Promise<{ channel: FeedChannel; articles: ArticleDetail[] } | null> {
  const subject = await findSubject(db, now, scope);
  if (subject === undefined) return null;
  const rows = await db.article.findMany({
    where: { AND: [publicArticleWhere(now), subject?.where ?? {}] },
    orderBy: newestFirst,
    select: detailSelect,
    take,
  });
  const channel: FeedChannel = { scope, subject: subject && { name: subject.name, description: subject.description } };
  return { channel, articles: rows.map(toDetail) };
}

type Subject = { name: string; description: string | null; where: Prisma.ArticleWhereInput };

/** null for the whole site, undefined for a listing that does not exist. */
async function findSubject(db: PrismaClient, now: Date, scope: FeedScope): Promise<Subject | null | undefined> {
  switch (scope.kind) {
    case 'site':
      return null;
    case 'section': {
      const section = await db.section.findUnique({ where: { slug: scope.slug }, select: { id: true, name: true, description: true } });
      return section ? { name: section.name, description: section.description, where: { sectionId: section.id } } : undefined;
    }
    case 'author': {
      const author = await db.author.findUnique({ where: { slug: scope.slug }, select: { id: true, name: true } });
      return author ? { name: author.name, description: null, where: { authors: { some: { authorId: author.id } } } } : undefined;
    }
    case 'tag': {
      const tag = await db.tag.findUnique({ where: { slug: scope.slug }, select: { id: true, name: true } });
      if (!tag) return undefined;
      const where = { tags: { some: { tagId: tag.id } } };
      const published = await db.article.count({ where: { AND: [publicArticleWhere(now), where] } });
      return published > 0 ? { name: tag.name, description: null, where } : undefined;
    }
  }
}

/** Public articles inside the news sitemap's 48-hour window, newest first. */
export async function findNewsArticles(db: PrismaClient, now: Date): Promise<ArticleSummary[]> {
  const rows = await db.article.findMany({
    where: { AND: [publicArticleWhere(now), { publishedAt: { gte: newsWindowStart(now) } }] },
    orderBy: newestFirst,
    select: summarySelect,
    take: NEWS_SITEMAP_LIMIT,
  });
  return rows.map(toSummary);
}
