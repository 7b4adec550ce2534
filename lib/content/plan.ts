import type { Problem } from './problems';
import { compactHash } from './hash';
import type { ArticleSummary, ArticleUpdate, ExistingArticle, Plan, Tx, UnchangedFiles } from './types';

// What a seed run will do, worked out from the files and one read of the database, before any
// write: which articles are new, changed, unchanged or gone, and which old URLs need a redirect.

// Rows per read of the stored articles: a large archive's rows are read a page at a time, so the
// driver's transient copies (several objects and strings a row) stay small next to what is kept,
// one compact object per article; 50 reads for 100,000 articles cost a few tens of milliseconds.
const PAGE = 2_000;

interface ExistingRow extends Omit<ExistingArticle, 'localImage' | 'publishedAt' | 'id' | 'sectionId'> {
  id: number | bigint;
  /** Hex, as stored. */
  contentHash: string;
  sourceHash: string | null;
  sectionId: number | bigint;
  publishedAt: Date | string | number | null;
  localImage: boolean | number | bigint | null;
}

/**
 * The stored articles, only the columns the plan compares, as raw SQL: Prisma's findMany cost about
 * five times as much per row, which an unchanged re-run of a large archive (one read and one hash
 * per file otherwise) noticed.
 */
export async function readExistingArticles(db: Tx): Promise<ExistingArticle[]> {
  const existing: ExistingArticle[] = [];
  for (let after = 0; ;) {
    const page = await db.$queryRaw<ExistingRow[]>`
      SELECT "id", "key", "slug", "headline", "contentHash", "sourceHash", "status", "publishedAt", "sectionId",
        CASE WHEN "imageSrc" LIKE '/%' THEN 1 ELSE 0 END AS "localImage"
      FROM "Article" WHERE "id" > ${after} ORDER BY "id" LIMIT ${PAGE}`;
    for (const row of page) {
      // One object of fixed shape a row, with only what the plan compares, compact (see ExistingArticle).
      existing.push({
        id: Number(row.id),
        key: row.key,
        slug: row.slug,
        headline: row.headline,
        contentHash: compactHash(row.contentHash),
        sourceHash: row.sourceHash === null ? null : compactHash(row.sourceHash),
        status: row.status,
        publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt).getTime(),
        sectionId: Number(row.sectionId),
        localImage: Number(row.localImage) === 1,
      });
    }
    const last = existing.at(-1);
    if (!last || page.length < PAGE) return existing;
    after = last.id;
  }
}

/** Each stored article's position in `existing`, by key: the one index the seed keeps of the store. */
export function indexByKey(existing: readonly ExistingArticle[]): Map<string, number> {
  const index = new Map<string, number>();
  existing.forEach((article, position) => index.set(article.key, position));
  return index;
}

/**
 * The plan, from the new and changed files (articles), the files left unparsed because their bytes
 * are those of a stored article (unchanged), and the stored articles as they are now (existing,
 * with its index by key when the caller has it). Only one map and a byte a stored article are built
 * for a plain re-run; the slug maps only when some file changes.
 */
export function planArticles(
  articles: readonly ArticleSummary[],
  unchanged: UnchangedFiles,
  existing: readonly ExistingArticle[],
  now: Date,
  byKey: ReadonlyMap<string, number> = indexByKey(existing),
): { plan: Plan; problems: Problem[] } {
  // Which stored articles still have a file: an array of flags rather than a set of keys.
  const inFiles = new Uint8Array(existing.length);
  const storedFor = (key: string): ExistingArticle | undefined => {
    const position = byKey.get(key);
    if (position === undefined) return undefined;
    inFiles[position] = 1;
    return existing[position];
  };
  const plan: Plan = { creates: [], written: 0, updates: [], unchanged: 0, rehashed: [], unpublish: [], redirects: [] };
  const problems: Problem[] = [];

  unchanged.rows.forEach((row, index) => {
    const stored = storedFor(row.key);
    // The file was skipped as unchanged: the row as read then must still be the row (the same
    // object when nothing was written since, else equal where it matters).
    if (
      stored !== row &&
      (stored?.sourceHash !== row.sourceHash || stored.contentHash !== row.contentHash || stored.status !== row.status)
    ) {
      problems.push({
        file: unchanged.names[index]!.display,
        found: 'an article another seed changed while this one ran',
        expected: 'one seed at a time: run the seed again',
      });
      return;
    }
    plan.unchanged++;
  });
  for (const article of articles) storedFor(article.key);
  let bySlug: Map<string, ExistingArticle> | undefined;
  for (const article of articles) {
    const position = byKey.get(article.key);
    const stored = position === undefined ? undefined : existing[position];
    if (stored && stored.contentHash === article.contentHash && stored.status === article.status) {
      plan.unchanged++;
      if (stored.sourceHash !== article.sourceHash)
        plan.rehashed.push({ id: stored.id, sourceHash: article.sourceHash });
      continue;
    }
    bySlug ??= new Map(existing.map((article) => [article.slug, article]));
    const holder = bySlug.get(article.slug);
    if (holder && holder.key !== article.key && !inFiles[byKey.get(holder.key)!]) {
      problems.push({
        file: article.name.display,
        field: 'slug',
        found: JSON.stringify(article.slug),
        expected:
          `a slug not held by another article: "${article.slug}" belongs to the stored article "${holder.key}", ` +
          `whose file articles/${holder.key}.md is gone. If this is that article under a new file name, ` +
          `rename the file back to ${holder.key}.md (an article's file name is its identity)`,
      });
      continue;
    }
    if (!stored) {
      plan.creates.push({ kind: 'create', article });
      continue;
    }
    plan.updates.push({ kind: 'update', article, existing: stored, updatedAt: updatedAtFor(article, stored, now) });
    if (stored.slug !== article.slug) {
      plan.redirects.push({ fromSlug: stored.slug, articleId: stored.id, toSlug: article.slug });
    }
  }
  existing.forEach((stored, position) => {
    if (!inFiles[position] && stored.status !== 'UNPUBLISHED') plan.unpublish.push(stored);
  });
  if (plan.redirects.length) {
    // A slug that is live again (an article took it back) must not redirect anywhere.
    const liveSlugs = new Set([...articles, ...unchanged.rows].map((article) => article.slug));
    plan.redirects = plan.redirects.filter((redirect) => !liveSlugs.has(redirect.fromSlug));
  }
  return { plan, problems };
}

/**
 * "Updated" means readers saw an earlier version. So a change to an article that was already public
 * is dated now, unless the editor marked the change minor (it keeps its date); a new article, a
 * draft or a scheduled one carries its publication time instead.
 */
function updatedAtFor(article: ArticleSummary, stored: ExistingArticle, now: Date): ArticleUpdate['updatedAt'] {
  if (stored.contentHash === article.contentHash) return undefined;
  const wasPublic = stored.status === 'PUBLISHED' && stored.publishedAt !== null && stored.publishedAt <= now.getTime();
  if (wasPublic) return article.minorChange ? undefined : now;
  return article.publishedAt === null ? now : new Date(article.publishedAt);
}
