import type { PrismaClient } from '../generated/prisma/client';
import { latest, modifiedAt, modifiedText } from '../site/dates';
import { paths, type ListingKind } from '../site/paths';
import type { SitemapEntry } from '../site/sitemap';
import type { SitemapCounts, SitemapReader, Window } from '../site/sitemap-pages';
import { publicArticleWhere } from './queries';

// The sitemap's reads (lib/site/sitemap-pages.ts says which each document needs), over the public
// content at "now". Articles come in a stable order, oldest first with the id breaking ties, so a
// child sitemap is an OFFSET/LIMIT over the (status, publishedAt) index and keeps listing the same
// pages as the site grows. The listings are the only read that spans the archive: a tag's last
// change is the latest among all its articles. Like lists.ts, a section exists while its row does,
// an author or tag only through a public article, so a draft never reveals a name.

const oldestFirst = [{ publishedAt: 'asc' }, { id: 'asc' }] as const;
/** Articles read per query for a child sitemap. */
const ARTICLE_CHUNK = 5000;

export function sitemapReader(db: PrismaClient, now: Date, chunk = ARTICLE_CHUNK): SitemapReader {
  const isPublic = publicArticleWhere(now);
  const inUse = { articles: { some: { article: isPublic } } };
  return {
    async counts(): Promise<SitemapCounts> {
      const [sections, authors, tags, articles] = await Promise.all([
        db.section.count(),
        db.author.count({ where: inUse }),
        db.tag.count({ where: inUse }),
        db.article.count({ where: isPublic }),
      ]);
      return { listings: 1 + sections + authors + tags, articles };
    },

    async listings(): Promise<SitemapEntry[]> {
      const [rows, sections, authors, tags] = await Promise.all([
        db.article.findMany({ where: isPublic, select: { id: true, publishedAt: true, updatedAt: true, sectionId: true } }),
        db.section.findMany({ select: { id: true, slug: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
        db.author.findMany({
          where: inUse,
          select: { slug: true, articles: { where: { article: isPublic }, select: { articleId: true } } },
        }),
        db.tag.findMany({
          where: inUse,
          select: { slug: true, articles: { where: { article: isPublic }, select: { articleId: true } } },
        }),
      ]);
      const changed = new Map<number, string>();
      // Each section's latest change, kept as the rows go by (copying a list per row was quadratic:
      // seconds of CPU for the listings at 100,000 articles).
      const sectionLatest = new Map<number, string>();
      for (const row of rows) {
        const date = modifiedAt(dated(row));
        changed.set(row.id, date);
        sectionLatest.set(row.sectionId, latest([sectionLatest.get(row.sectionId) ?? date, date]) ?? date);
      }
      // Sorted here, not by the database, so every database's collation gives the same order.
      const linked = (kind: ListingKind, list: { slug: string; articles: { articleId: number }[] }[]) =>
        list.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).map(({ slug, articles }) => ({
          path: paths.listing(kind, slug),
          lastModified: latest(articles.flatMap(({ articleId }) => changed.get(articleId) ?? [])),
        }));
      return [
        { path: paths.home, lastModified: latest(changed.values()) },
        ...sections.map(({ id, slug }) => ({
          path: paths.listing('section', slug),
          lastModified: sectionLatest.get(id) ?? null,
        })),
        ...linked('author', authors),
        ...linked('tag', tags),
      ];
    },

    async articles({ skip, take }: Window): Promise<SitemapEntry[]> {
      // Read in chunks: a child sitemap's 50,000 rows in one query left the server's heap at
      // 470 MB (Prisma's rows in every form at once); per chunk they are young garbage.
      const entries: SitemapEntry[] = [];
      for (let offset = 0; offset < take; offset += chunk) {
        const rows = await db.article.findMany({
          where: isPublic,
          orderBy: [...oldestFirst],
          select: { slug: true, publishedAt: true, publishedDateOnly: true, updatedAt: true },
          skip: skip + offset,
          take: Math.min(chunk, take - offset),
        });
        for (const row of rows) {
          entries.push({
            path: paths.article(row.slug),
            lastModified: modifiedText({ ...dated(row), publishedDateOnly: row.publishedDateOnly }),
          });
        }
        if (rows.length < chunk) break;
      }
      return entries;
    },

    async latestChange(window: Window | null): Promise<string | null> {
      const { _max } = await db.article.aggregate({
        where: isPublic,
        ...(window && { orderBy: [...oldestFirst], skip: window.skip, take: window.take }),
        _max: { publishedAt: true, updatedAt: true },
      });
      // The latest of either date: at most a minute later than modifiedAt() would say (a re-save
      // within a minute of publication), which only tells a crawler to look at that file again.
      return latest([_max.publishedAt, _max.updatedAt].flatMap((date) => (date ? [date.toISOString()] : [])));
    },
  };
}

function dated(row: { publishedAt: Date | null; updatedAt: Date }) {
  // publicArticleWhere guarantees a publication time; a draft never reaches this.
  return { publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(), updatedAt: row.updatedAt.toISOString() };
}
