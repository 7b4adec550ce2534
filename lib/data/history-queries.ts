import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { type PublicVersion, publicVersions, type StoredVersion } from './history-versions';
import { LIST_PAGE_SIZE } from './lists';
import { publicArticleWhere } from './queries';
import type { CorrectionKind, ListPage } from './types';

// The reads behind the history and corrections pages and feeds. Like queries.ts, each takes the
// client and "now"; pages reach them through history.ts.

export interface ArticleHistory {
  slug: string;
  headline: string;
  /** Every version readers have seen, newest first. */
  versions: PublicVersion[];
}

/** A correction or clarification, with the article it belongs to. */
export interface CorrectionEntry {
  date: string;
  kind: CorrectionKind;
  text: string;
  /** Its place in the article's list of corrections: with the article key, a stable identity. */
  position: number;
  article: { key: string; slug: string; headline: string };
}

// The shape Revision.snapshot is written in (lib/content/write.ts, keepRevisions).
interface Snapshot {
  headline: string;
  standfirst: string | null;
  body: string;
  status: StoredVersion['status'];
  publishedAt: string | null;
  authors: string[];
  image: { src: string; alt: string | null; caption: string | null; credit: string | null } | null;
  corrections: { date: string; kind: CorrectionKind; text: string }[];
  minorChange?: boolean;
}

/**
 * Every stored version of an article, oldest first: its revisions, then the current row. Null when
 * no article has this key. Exported for the test that rebuilds each version from the history.
 */
export async function readStoredVersions(
  db: PrismaClient,
  articleId: number,
): Promise<StoredVersion[] | null> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      headline: true,
      standfirst: true,
      body: true,
      status: true,
      publishedAt: true,
      createdAt: true,
      minorChange: true,
      imageSrc: true,
      imageAlt: true,
      imageCaption: true,
      imageCredit: true,
      authors: { orderBy: { position: 'asc' }, select: { author: { select: { slug: true } } } },
      corrections: { orderBy: { position: 'asc' }, select: { date: true, kind: true, text: true } },
      revisions: {
        orderBy: [{ supersededAt: 'asc' }, { id: 'asc' }],
        select: { supersededAt: true, minorChange: true, snapshot: true },
      },
    },
  });
  if (!article) return null;
  const versions: StoredVersion[] = [];
  let from = article.createdAt;
  for (const revision of article.revisions) {
    const snapshot = JSON.parse(revision.snapshot) as Snapshot;
    versions.push({
      headline: snapshot.headline,
      standfirst: snapshot.standfirst,
      body: snapshot.body,
      status: snapshot.status,
      publishedAt: snapshot.publishedAt ? new Date(snapshot.publishedAt) : null,
      authors: snapshot.authors,
      image: snapshot.image && {
        src: snapshot.image.src,
        alt: snapshot.image.alt,
        caption: snapshot.image.caption,
        credit: snapshot.image.credit,
      },
      corrections: snapshot.corrections.map((c) => ({ date: new Date(c.date), kind: c.kind, text: c.text })),
      minorChange: revision.minorChange,
      from,
      until: revision.supersededAt,
    });
    from = revision.supersededAt;
  }
  versions.push({
    headline: article.headline,
    standfirst: article.standfirst,
    body: article.body,
    status: article.status,
    publishedAt: article.publishedAt,
    authors: article.authors.map((row) => row.author.slug),
    image: article.imageSrc
      ? { src: article.imageSrc, alt: article.imageAlt, caption: article.imageCaption, credit: article.imageCredit }
      : null,
    corrections: article.corrections,
    minorChange: article.minorChange,
    from,
    until: null,
  });
  return versions;
}

/** The history of a public article, or null when there is none with this slug. */
export async function findArticleHistory(db: PrismaClient, now: Date, slug: string): Promise<ArticleHistory | null> {
  const article = await db.article.findFirst({
    where: { slug, ...publicArticleWhere(now) },
    select: { id: true, slug: true, headline: true },
  });
  if (!article) return null;
  const stored = (await readStoredVersions(db, article.id)) ?? [];
  const slugs = [...new Set(stored.flatMap((version) => version.authors))];
  const authors = await db.author.findMany({ where: { slug: { in: slugs } }, select: { slug: true, name: true } });
  const names = new Map(authors.map((author) => [author.slug, author.name]));
  return { slug: article.slug, headline: article.headline, versions: publicVersions(stored, now, names) };
}

const correctionSelect = {
  date: true,
  kind: true,
  text: true,
  position: true,
  article: { select: { key: true, slug: true, headline: true } },
} satisfies Prisma.CorrectionSelect;

const newestFirst = [
  { date: 'desc' },
  { articleId: 'desc' },
  { position: 'desc' },
] satisfies Prisma.CorrectionOrderByWithRelationInput[];

function toEntry(row: Prisma.CorrectionGetPayload<{ select: typeof correctionSelect }>): CorrectionEntry {
  return { date: row.date.toISOString(), kind: row.kind, text: row.text, position: row.position, article: row.article };
}

/** One page of every public article's corrections, newest first, or null past the last page. */
export async function findCorrectionsPage(
  db: PrismaClient,
  now: Date,
  page: number,
): Promise<ListPage<CorrectionEntry> | null> {
  const where = { article: publicArticleWhere(now) };
  const total = await db.correction.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
  const rows = await db.correction.findMany({
    where,
    orderBy: newestFirst,
    select: correctionSelect,
    skip: (page - 1) * LIST_PAGE_SIZE,
    take: LIST_PAGE_SIZE,
  });
  return { items: rows.map(toEntry), page, pageCount, total };
}

/** The newest corrections, for the feeds. */
export async function findRecentCorrections(db: PrismaClient, now: Date, take: number): Promise<CorrectionEntry[]> {
  const rows = await db.correction.findMany({
    where: { article: publicArticleWhere(now) },
    orderBy: newestFirst,
    select: correctionSelect,
    take,
  });
  return rows.map(toEntry);
}
