import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PrismaClient } from '../generated/prisma/client';
import { latest, modifiedAt, modifiedText } from '../site/dates';
import { paths, type ListingKind } from '../site/paths';
import type { SitemapEntry } from '../site/sitemap';
import type { SitemapCounts, SitemapReader, Window } from '../site/sitemap-pages';
import { publicArticleWhere } from './queries';

// The sitemap's reads (lib/site/sitemap-pages.ts says which each document needs), over the public
// content at "now". Articles come in a stable order, oldest first with the id breaking ties, so a
// child sitemap is an OFFSET/LIMIT over the (status, publishedAt, id, updatedAt) index and keeps
// listing the same pages as the site grows; its latest change is read from that index alone. The
// listings are the only read that spans the archive: a tag's last change is the latest among all
// its articles. Like lists.ts, a section exists while its row does, an author or tag only through a
// public article, so a draft never reveals a name.
//
// SQLite answers on the event loop itself (better-sqlite3 is synchronous), and a chain of awaited
// queries never gives it back: at 100,000 articles the index's hundred windows or the listings'
// walk held every other request for over a second. The reads that come in series wait for the
// next turn of the loop first, so readers' requests are answered between them.

const oldestFirst = [{ publishedAt: 'asc' }, { id: 'asc' }] as const;
/**
 * Articles read per query. Each query of the listings' walk holds the event loop for its chunk:
 * about 30 ms for 2,000 articles with their bylines and tags (70 ms for 5,000).
 */
const ARTICLE_CHUNK = 2000;

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
      const [sections, authors, tags] = await Promise.all([
        db.section.findMany({ select: { id: true, slug: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
        db.author.findMany({ where: inUse, select: { id: true, slug: true } }),
        db.tag.findMany({ where: inUse, select: { id: true, slug: true } }),
      ]);
      // Each listing's latest change, kept as the public articles go by, a chunk at a time in id
      // order: at 100,000 articles one read of them all (with their bylines and tags) left the
      // server hundreds of megabytes resident, for a document of a few hundred addresses.
      const latestOf = { home: new Latest<null>(), section: new Latest(), author: new Latest(), tag: new Latest() };
      for (let after = 0; ; ) {
        await nextTurn();
        const rows = await db.article.findMany({
          where: { ...isPublic, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: chunk,
          select: { id: true, publishedAt: true, updatedAt: true, sectionId: true },
        });
        if (rows.length === 0) break;
        const dates = new Map<number, number>();
        for (const row of rows) {
          const date = Date.parse(modifiedAt(dated(row)));
          dates.set(row.id, date);
          latestOf.home.see(null, date);
          latestOf.section.see(row.sectionId, date);
        }
        // The bylines and tags of the chunk's id range (drafts among them are not in `dates`): a
        // range of the join tables' primary keys, not a list of thousands of ids.
        const range = { articleId: { gte: rows[0]!.id, lte: rows[rows.length - 1]!.id } };
        const [bylines, tagged] = await Promise.all([
          db.articleAuthor.findMany({ where: range, select: { articleId: true, authorId: true } }),
          db.articleTag.findMany({ where: range, select: { articleId: true, tagId: true } }),
        ]);
        for (const { articleId, authorId } of bylines) latestOf.author.seeOf(authorId, dates.get(articleId));
        for (const { articleId, tagId } of tagged) latestOf.tag.seeOf(tagId, dates.get(articleId));
        if (rows.length < chunk) break;
        after = rows[rows.length - 1]!.id;
      }
      // Sorted here, not by the database, so every database's collation gives the same order.
      const bySlug = <T extends { slug: string }>(list: T[]) =>
        list.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
      const listed = (kind: ListingKind, list: { id: number; slug: string }[], dates: Latest) =>
        list.map(({ id, slug }) => ({ path: paths.listing(kind, slug), lastModified: dates.iso(id) }));
      return [
        { path: paths.home, lastModified: latestOf.home.iso(null) },
        ...listed('section', sections, latestOf.section),
        ...listed('author', bySlug(authors), latestOf.author),
        ...listed('tag', bySlug(tags), latestOf.tag),
      ];
    },

    async articles({ skip, take }: Window): Promise<SitemapEntry[]> {
      // Read in chunks: when children held 50,000 addresses, their rows in one query left the
      // server's heap at 470 MB (Prisma's rows in every form at once). Children now hold
      // SITEMAP_URL_LIMIT (1,000), one chunk; the loop keeps a larger limit from doing that again.
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
      await nextTurn();
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

/** The latest time seen for each key, as milliseconds. */
class Latest<K = number> {
  private readonly times = new Map<K, number>();

  see(key: K, time: number): void {
    const seen = this.times.get(key);
    if (seen === undefined || time > seen) this.times.set(key, time);
  }

  /** As see(), for a time that may be missing (an article that is not public). */
  seeOf(key: K, time: number | undefined): void {
    if (time !== undefined) this.see(key, time);
  }

  iso(key: K): string | null {
    const time = this.times.get(key);
    return time === undefined ? null : new Date(time).toISOString();
  }
}

function dated(row: { publishedAt: Date | null; updatedAt: Date }) {
  // publicArticleWhere guarantees a publication time; a draft never reaches this.
  return { publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(), updatedAt: row.updatedAt.toISOString() };
}
