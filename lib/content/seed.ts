import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client';
import {
  ARTICLES_DIR,
  AUTHORS_FILE,
  displayPath,
  listContentFolder,
  readSourceFiles,
  SECTIONS_FILE,
  type SourceFile,
} from './files';
import { hashEditorial, hashSource } from './hash';
import { renderMarkdown } from './markdown';
import { planArticles, readExistingArticles } from './plan';
import type { Problem } from './problems';
import type { Progress } from './report';
import type { ArticleChange, ArticleSummary, ExistingArticle, LoadedChange, Plan, WriteCounts } from './types';
import { type ContentChecker, createContentChecker } from './validate';
import { bumpContentVersion, lockForWriting, writeContent } from './write';

export interface SeedOptions {
  prisma: PrismaClient;
  contentDir: string;
  /** The site's public/ folder, where local lead images must exist. */
  publicDir: string;
  /** SITE_TIMEZONE: how dates written without an offset are read. */
  timeZone: string;
  /** Check the files and plan the changes, but write nothing. */
  checkOnly?: boolean;
  now?: Date;
  progress?: Progress;
}

export type SeedResult =
  { ok: false; problems: Problem[] } | { ok: true; plan: Plan; counts?: WriteCounts; changed: boolean };

/**
 * The whole seed: read and check every file, then, only when nothing is wrong, write the changes in
 * one transaction. Problems come back as data; nothing is written when there are any.
 *
 * It runs in two passes so that an archive of any size fits in memory. The first reads every file
 * and keeps a summary of each (no text); a file whose bytes are those already stored is not even
 * parsed. The second, inside the transaction, reads the new and changed files again a chunk at a
 * time, renders and writes them.
 */
export async function seedContent(options: SeedOptions): Promise<SeedResult> {
  const { prisma, progress } = options;
  const now = options.now ?? new Date();
  const folder = await listContentFolder(options.contentDir);
  if (!folder) return { ok: false, problems: [noContentFolder(options.contentDir)] };
  const checker = createContentChecker(folder, options);
  const articles: ArticleSummary[] = [];
  const existing = await readExistingArticles(prisma);
  const skippable = unchangedCandidates(existing, checker, await storedReferences(prisma, checker));
  let done = 0;
  for await (const file of readSourceFiles(folder.dir, folder.articles)) {
    const article = checkArticle(file, skippable, checker, options.timeZone);
    if (article) articles.push(article);
    progress?.update('Checking', ++done, folder.articles.length);
  }
  progress?.done();
  for await (const file of readSourceFiles(folder.dir, checker.unlocatedSlugs())) checker.locateSlug(file);
  const problems = checker.finish();
  if (problems.length) return { ok: false, problems };

  const planned = planArticles(articles, existing, now);
  if (planned.problems.length) return { ok: false, problems: planned.problems };
  if (options.checkOnly) return { ok: true, plan: planned.plan, changed: false };

  const outcome = await prisma.$transaction(
    async (tx) => {
      await lockForWriting(tx);
      // Another seed may have written between the first plan and the lock: plan again from the
      // rows as they are now.
      const { plan, problems } = planArticles(articles, await readExistingArticles(tx), now);
      if (problems.length) return { ok: false as const, problems };
      // Rendering happens here, a chunk at a time, so the write lock is held while rendering too:
      // the site's readers are not blocked by it (WAL), only another seed, which waits.
      const counts = await writeContent(tx, checker.lists, plan, {
        now,
        load: (changes) => loadChanges(folder.dir, changes, checker),
        onProgress: (done, total) => progress?.update('Writing', done, total),
      });
      if (hasChanges(plan, counts)) await bumpContentVersion(tx, now);
      return { ok: true as const, plan, counts };
    },
    // A large archive takes minutes on a busy machine; the default 5 s would abort it.
    { timeout: 60 * 60_000, maxWait: 30_000 },
  );
  progress?.done();
  if (!outcome.ok) return outcome;
  const { plan, counts } = outcome;
  return { ok: true, plan, counts, changed: hasChanges(plan, counts) };
}

function noContentFolder(contentDir: string): Problem {
  return {
    file: displayPath(path.join(contentDir, ARTICLES_DIR)),
    found: 'no such folder',
    expected: `a content folder holding ${SECTIONS_FILE}, ${AUTHORS_FILE} and ${ARTICLES_DIR}/ (see docs/editing.md)`,
  };
}

/**
 * The summary of one article file, or undefined when it has problems (recorded by the checker). A
 * file whose bytes are those of a skippable stored article is not parsed: its summary is the row's.
 */
function checkArticle(
  file: SourceFile,
  skippable: Map<string, ExistingArticle>,
  checker: ContentChecker,
  timeZone: string,
): ArticleSummary | undefined {
  const sourceHash = hashSource(file.text, file.relative, timeZone);
  const stored = skippable.get(keyOf(file.relative));
  const { display, relative } = file;
  if (stored && stored.sourceHash === sourceHash && stored.status !== 'UNPUBLISHED') {
    // Every string here is the stored row's or the listing's own: an unchanged file adds one small object.
    checker.claimSlug(file, stored.slug);
    const { key, slug, status, publishedAt, contentHash } = stored;
    const summary = { key, slug, status, publishedAt, contentHash, sourceHash: stored.sourceHash };
    // Unchanged, so never planned as an update: whether a change was minor does not arise.
    return { ...summary, minorChange: false, editorialHash: '', file: display, sourcePath: relative, fromStore: true };
  }
  const article = checker.check(file);
  if (!article) return undefined;
  const { key, slug, status, publishedAt, contentHash, minorChange } = article;
  return {
    key,
    file: display,
    sourcePath: relative,
    slug,
    status,
    publishedAt,
    contentHash,
    sourceHash,
    minorChange,
    editorialHash: hashEditorial({ ...article, tagNames: article.tags.map((tag) => tag.name) }),
    fromStore: false,
  };
}

function keyOf(relative: string): string {
  return path.posix.basename(relative, '.md');
}

interface StoredReferences {
  sectionSlugs: Map<number, string>;
  /** Articles with a stored author that authors.yaml no longer lists. */
  unlistedAuthors: Set<number>;
}

async function storedReferences(prisma: PrismaClient, checker: ContentChecker): Promise<StoredReferences> {
  const sections = await prisma.section.findMany({ select: { id: true, slug: true } });
  const bylines = await prisma.articleAuthor.findMany({
    where: { author: { slug: { notIn: [...(checker.authorSlugs ?? [])] } } },
    select: { articleId: true },
  });
  return {
    sectionSlugs: new Map(sections.map((section) => [section.id, section.slug])),
    unlistedAuthors: new Set(bylines.map((byline) => byline.articleId)),
  };
}

/**
 * The stored articles whose file may be taken as valid without parsing when its bytes have not
 * changed: everything such a file says was checked when it was stored, except what lives outside
 * it. So an article is left out (and its file parsed) when it was unpublished (its file is back),
 * when it has a local lead image (the image file may have changed), or when its section or one of
 * its authors is no longer listed.
 */
function unchangedCandidates(
  existing: ExistingArticle[],
  checker: ContentChecker,
  stored: StoredReferences,
): Map<string, ExistingArticle> {
  const candidates = new Map<string, ExistingArticle>();
  for (const article of existing) {
    if (article.status === 'UNPUBLISHED' || article.sourceHash === null) continue;
    if (article.localImage) continue;
    const section = stored.sectionSlugs.get(article.sectionId);
    if (!section || !checker.sectionSlugs?.has(section) || stored.unlistedAuthors.has(article.id)) continue;
    candidates.set(article.key, article);
  }
  return candidates;
}

/** Reads, checks and renders the files of some planned changes again, just before they are written. */
async function loadChanges(dir: string, changes: ArticleChange[], checker: ContentChecker): Promise<LoadedChange[]> {
  const files = changes.map((change) => ({ display: change.article.file, relative: change.article.sourcePath }));
  const loaded: LoadedChange[] = [];
  const reader = readSourceFiles(dir, files);
  for (const change of changes) {
    const next = await reader.next();
    const file = next.done || next.value.relative !== change.article.sourcePath ? undefined : next.value;
    const article = file && checker.recheck(file);
    // The file changed or went since it was checked: what was checked is not what would be written.
    if (!article || article.contentHash !== change.article.contentHash) {
      throw new Error(`${change.article.file} changed while the seed was running; run the seed again`);
    }
    loaded.push({ change, article, rendered: renderMarkdown(article.body) });
  }
  return loaded;
}

function hasChanges(plan: Plan, counts: WriteCounts): boolean {
  return (
    plan.creates.length + plan.updates.length + plan.unpublish.length > 0 ||
    counts.sections.created + counts.sections.updated + counts.authors.created + counts.authors.updated > 0
  );
}
