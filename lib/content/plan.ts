import type { Problem } from './problems';
import type { ValidArticle, ValidContent } from './validate';
import type { Tx } from './write';

// What a seed run will do, worked out from the files and one read of the database, before any
// write: which articles are new, changed, unchanged or gone, and which old URLs need a redirect.

export interface ExistingArticle {
  id: number;
  key: string;
  slug: string;
  contentHash: string;
  status: 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';
  publishedAt: Date | null;
}

export interface ArticleChange {
  article: ValidArticle;
  /** Undefined keeps the stored value (an article restored unchanged). */
  updatedAt: Date | undefined;
  /** The stored article this file changes; absent for a new article. */
  existing?: ExistingArticle;
}

export interface Plan {
  creates: ArticleChange[];
  updates: ArticleChange[];
  unchanged: number;
  unpublish: ExistingArticle[];
  /** Old slug → id of the article it now leads to. */
  redirects: { fromSlug: string; articleId: number; toSlug: string }[];
}

export async function readExistingArticles(db: Tx): Promise<ExistingArticle[]> {
  return db.article.findMany({
    select: { id: true, key: true, slug: true, contentHash: true, status: true, publishedAt: true },
  });
}

export function planArticles(
  content: ValidContent,
  existing: ExistingArticle[],
  now: Date,
): { plan: Plan; problems: Problem[] } {
  const byKey = new Map(existing.map((article) => [article.key, article]));
  const bySlug = new Map(existing.map((article) => [article.slug, article]));
  const fileKeys = new Set(content.articles.map((article) => article.key));
  const plan: Plan = { creates: [], updates: [], unchanged: 0, unpublish: [], redirects: [] };
  const problems: Problem[] = [];

  for (const article of content.articles) {
    const stored = byKey.get(article.key);
    if (stored && stored.contentHash === article.contentHash && stored.status === article.status) {
      plan.unchanged++;
      continue;
    }
    const holder = bySlug.get(article.slug);
    if (holder && holder.key !== article.key && !fileKeys.has(holder.key)) {
      problems.push({
        file: article.file,
        field: 'slug',
        found: JSON.stringify(article.slug),
        expected:
          `a slug not held by another article: "${article.slug}" belongs to the stored article "${holder.key}", ` +
          `whose file articles/${holder.key}.md is gone. If this is that article under a new file name, ` +
          `rename the file back to ${holder.key}.md (an article's file name is its identity)`,
      });
      continue;
    }
    const change: ArticleChange = {
      article,
      updatedAt: updatedAtFor(article, stored, now),
      existing: stored,
    };
    if (!stored) {
      plan.creates.push(change);
      continue;
    }
    plan.updates.push(change);
    if (stored.slug !== article.slug) {
      plan.redirects.push({ fromSlug: stored.slug, articleId: stored.id, toSlug: article.slug });
    }
  }
  for (const stored of existing) {
    if (!fileKeys.has(stored.key) && stored.status !== 'UNPUBLISHED') plan.unpublish.push(stored);
  }
  // A slug that is live again (an article took it back) must not redirect anywhere.
  const liveSlugs = new Set(content.articles.map((article) => article.slug));
  plan.redirects = plan.redirects.filter((redirect) => !liveSlugs.has(redirect.fromSlug));
  return { plan, problems };
}

/**
 * "Updated" means readers saw an earlier version. So a change to an article that was already public
 * is dated now, unless the editor marked the change minor (it keeps its date); a new article, a
 * draft or a scheduled one carries its publication time instead.
 */
function updatedAtFor(article: ValidArticle, stored: ExistingArticle | undefined, now: Date): Date | undefined {
  if (stored?.contentHash === article.contentHash) return undefined;
  const wasPublic = stored?.status === 'PUBLISHED' && stored.publishedAt !== null && stored.publishedAt <= now;
  if (wasPublic) return article.minorChange ? undefined : now;
  return article.publishedAt ?? now;
}
