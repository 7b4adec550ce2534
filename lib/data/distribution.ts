import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { FeedChannel } from '../site/feeds';
import { newsWindowStart, NEWS_SITEMAP_LIMIT } from '../site/news-sitemap';
import type { FeedScope } from '../site/paths';
import type { SitemapArticle } from '../site/sitemap';
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

/** Every public article's address and dates with its listings, and every section: the sitemap's input. */
export async function findSitemapData(
  db: PrismaClient,
  now: Date,
): Promise<{ articles: SitemapArticle[]; sectionSlugs: string[] }> {
  // Flat reads joined here rather than nested relation selects: a sitemap reads every public
  // article, and at 10,000 articles the nested form took 1 s where these take about 0.4 s.
  const isPublic = publicArticleWhere(now);
  const [rows, authorLinks, tagLinks, sections, authors, tags] = await Promise.all([
    db.article.findMany({
      where: isPublic,
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, slug: true, publishedAt: true, publishedDateOnly: true, updatedAt: true, sectionId: true },
    }),
    db.articleAuthor.findMany({ select: { articleId: true, authorId: true }, orderBy: [{ articleId: 'asc' }, { position: 'asc' }] }),
    db.articleTag.findMany({ select: { articleId: true, tagId: true } }),
    db.section.findMany({ select: { id: true, slug: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    db.author.findMany({ select: { id: true, slug: true } }),
    db.tag.findMany({ select: { id: true, slug: true } }),
  ]);
  const slugOf = (list: { id: number; slug: string }[]) => new Map(list.map(({ id, slug }) => [id, slug]));
  const sectionSlug = slugOf(sections);
  const slugsByArticle = (links: { articleId: number; slug: string | undefined }[]) => {
    const byArticle = new Map<number, string[]>();
    for (const { articleId, slug } of links) if (slug) byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), slug]);
    return byArticle;
  };
  const authorSlug = slugOf(authors);
  const tagSlug = slugOf(tags);
  const authorsOf = slugsByArticle(authorLinks.map(({ articleId, authorId }) => ({ articleId, slug: authorSlug.get(authorId) })));
  const tagsOf = slugsByArticle(tagLinks.map(({ articleId, tagId }) => ({ articleId, slug: tagSlug.get(tagId) })));
  return {
    articles: rows.map((row) => ({
      slug: row.slug,
      publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
      publishedDateOnly: row.publishedDateOnly,
      updatedAt: row.updatedAt.toISOString(),
      sectionSlug: sectionSlug.get(row.sectionId) ?? '',
      authorSlugs: authorsOf.get(row.id) ?? [],
      tagSlugs: tagsOf.get(row.id) ?? [],
    })),
    sectionSlugs: sections.map((section) => section.slug),
  };
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
