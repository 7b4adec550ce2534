import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client';
import {
  ARTICLES_DIR,
  AUTHORS_FILE,
  type ContentFolder,
  displayPath,
  listContentFolder,
  readFileBytes,
  readSourceFilesSync,
  SECTIONS_FILE,
  type SourceFile,
  type SourceFileName,
} from './files';
import { createHash } from 'node:crypto';
import { parseArticleFile } from './article-file';
import type { LintConfig } from './lint/config';
import { lintDocumentOf, readLintDocument } from './lint/document';
import { createLinter, type Linter, type LintResult } from './lint/lint';
import { compactHash, hashEditorial, hashSource } from './hash';
import { createLoader, type LoaderSetup } from './load';
import { indexByKey, planArticles, readExistingArticles } from './plan';
import type { Problem } from './problems';
import type { Progress } from './report';
import type {
  ArticleChange,
  ArticleSummary,
  ExistingArticle,
  LoadedChange,
  Plan,
  Tx,
  UnchangedFiles,
  ValidArticle,
  WriteCounts,
} from './types';
import { type ContentChecker, createContentChecker } from './validate';
import { renderMarkdown } from './markdown';
import {
  bumpContentVersion,
  chunks,
  type ContentWriter,
  lockForWriting,
  startWriting,
  writeContent,
  writeLoaded,
} from './write';

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
  /**
   * The newsroom's content lint (content-lint.json), run in the same pass as the checks: its errors
   * block the seed like any other problem. Only files that changed since they were stored are
   * linted; the rules across files (links to other articles, shared headlines) still see them all.
   */
  lint?: { config: LintConfig };
  /**
   * Called after each chunk of articles is written (during the check and after it): the seed's
   * command lets go of what the database client kept of the chunk there (prisma/seed.ts).
   */
  afterChunk?: () => void;
}

// Articles rendered and written at a time (new ones during the check, changed ones after it): the
// chunk in hand stays a few hundred kilobytes however large the archive.
const LOAD_CHUNK = 50;

export type SeedResult =
  | { ok: false; problems: Problem[]; lint?: LintResult }
  | { ok: true; plan: Plan; counts?: WriteCounts; changed: boolean; lint?: LintResult };

/**
 * The whole seed: read and check every file, and write the changes in one transaction that commits
 * only when no file has a problem. Problems come back as data; nothing is written when there are any.
 *
 * One pass reads every file and keeps a summary of each (no text); a file whose bytes are those
 * already stored is not even parsed. A new article (one whose key and slug no stored article has)
 * is rendered and written in that same pass, a chunk at a time, inside the transaction: its file is
 * read, parsed and checked once. When any file turns out to have a problem, the transaction is rolled
 * back, so the database is as it was. Changed articles are written after the pass, once the plan is
 * known (their files are read, checked and rendered again then, a chunk at a time).
 */
export async function seedContent(options: SeedOptions): Promise<SeedResult> {
  const { prisma, progress } = options;
  const now = options.now ?? new Date();
  const folder = await listContentFolder(options.contentDir);
  if (!folder) return { ok: false, problems: [noContentFolder(options.contentDir)] };
  const checker = createContentChecker(folder, options);
  const linter = options.lint && createLinter({ config: options.lint.config, timeZone: options.timeZone, now });
  const pass: Pass = {
    checker,
    linter,
    timeZone: options.timeZone,
    salt: lintFingerprint(options.lint?.config),
    now,
  };
  if (options.checkOnly) {
    const checked = await checkFolder(prisma, folder, pass, progress);
    progress?.done();
    return checked.ok ? { ok: true, plan: checked.plan, changed: false, lint: checked.lint } : checked;
  }
  const setup: LoaderSetup = {
    dir: folder.dir,
    sections: folder.sections,
    authors: folder.authors,
    timeZone: options.timeZone,
    publicDir: options.publicDir,
  };
  try {
    const outcome = await prisma.$transaction(
      async (tx) => {
        // The lock comes first: the stored rows read next stay as read until this seed commits.
        await lockForWriting(tx);
        // New articles are written during the check only when both lists are valid (else the run
        // fails anyway, and no article could name its section).
        const writer = checker.sectionSlugs && checker.authorSlugs ? await startWriting(tx, checker.lists) : undefined;
        const early = writer && { tx, writer, now, afterChunk: options.afterChunk };
        const checked = await checkFolder(tx, folder, pass, progress, early);
        progress?.done();
        // Rolls back everything written so far (sections, authors, new articles).
        if (!checked.ok) throw new Rejected(checked);
        const { plan, lint } = checked;
        // Rendering happens here, a chunk at a time, so the write lock is held while rendering too:
        // the site's readers are not blocked by it (WAL), only another seed, which waits.
        const counts = await writeContent(tx, checker.lists, plan, {
          now,
          writer,
          load: (changes) => loadChanges(changes, setup),
          // Called once a chunk.
          onProgress: (done, total) => {
            options.afterChunk?.();
            progress?.update('Writing', done, total);
          },
        });
        if (hasChanges(plan, counts)) await bumpContentVersion(tx, now);
        return { plan, counts, lint };
      },
      // A large archive takes minutes on a busy machine; the default 5 s would abort it.
      { timeout: 60 * 60_000, maxWait: 30_000 },
    );
    progress?.done();
    const { plan, counts, lint } = outcome;
    return { ok: true, plan, counts, changed: hasChanges(plan, counts), lint };
  } catch (error) {
    progress?.done();
    if (error instanceof Rejected) return error.result;
    throw error;
  }
}

/** Thrown inside the seed's transaction to roll it back when a file has a problem. */
class Rejected extends Error {
  constructor(readonly result: Extract<SeedResult, { ok: false }>) {
    super('The content has problems; nothing was written');
  }
}

type Checked = Extract<SeedResult, { ok: false }> | { ok: true; plan: Plan; lint?: LintResult };

/** Where new articles go while the files are checked: the seed's transaction, and what it wrote so far. */
interface EarlyWrite {
  tx: Tx;
  writer: ContentWriter;
  now: Date;
  afterChunk?: () => void;
}

/**
 * Reads and checks every article file, one at a time, and plans the changes. With `early`, new
 * articles are rendered and written as they are checked (see seedContent).
 */
async function checkFolder(
  db: Tx,
  folder: ContentFolder,
  pass: Pass,
  progress: Progress | undefined,
  early?: EarlyWrite,
): Promise<Checked> {
  const { checker, linter, now } = pass;
  const articles: ArticleSummary[] = [];
  const existing = await readExistingArticles(db);
  const byKey = indexByKey(existing);
  const skippable: Skippable = {
    existing,
    byKey,
    flags: unchangedCandidates(existing, checker, await storedReferences(db, checker)),
  };
  const newArticles = early && new NewArticles(early, existing, byKey, checker, (await db.redirect.count()) > 0);
  // Files left unparsed: their name and stored row, and no summary of their own.
  const unchanged: UnchangedFiles = { names: [], rows: [] };
  let done = 0;
  // Synchronous reads, one file open at a time: for the small files of an archive this costs far
  // less than a promise and a thread-pool trip per file, and the limit on open files never matters.
  for (const name of folder.articles) {
    const bytes = readFileBytes(folder.dir, name.relative);
    if (!bytes) continue; // removed since it was listed: as if removed before
    const article = checkArticle(name, bytes, skippable, pass, newArticles);
    if (article === UNCHANGED) {
      unchanged.names.push(name);
      unchanged.rows.push(skippable.existing[skippable.byKey.get(keyOf(name.relative))!]!);
    } else if (article && !article.written) articles.push(article);
    if (newArticles?.full()) {
      await newArticles.flush();
      early?.afterChunk?.();
    }
    progress?.update(newArticles ? 'Checking and writing' : 'Checking', ++done, folder.articles.length);
  }
  await newArticles?.flush();
  for (const file of readSourceFilesSync(folder.dir, checker.unlocatedSlugs())) checker.locateSlug(file);
  const unparsed = unchanged.names;
  if (linter && unparsed.length && lostPublicSlugs(existing, linter.publicSlugs(), now)) {
    // An article readers could open is gone, unpublished or renamed: a file left unparsed may link
    // to it, so the links of those files are read again (rare: the plain re-run never gets here).
    for (const file of readSourceFilesSync(folder.dir, unparsed)) linter.recheckLinks(readLintDocument(file));
  }
  const problems = checker.finish();
  const lint = linter?.finish();
  if (problems.length || (lint && lint.errors > 0)) return { ok: false, problems, lint };
  const planned = planArticles(articles, unchanged, existing, now, byKey);
  if (planned.problems.length) return { ok: false, problems: planned.problems, lint };
  return { ok: true, plan: { ...planned.plan, written: newArticles?.written ?? 0 }, lint };
}

/**
 * New articles rendered and written during the check, a chunk at a time. Only an article no stored
 * row stands in the way of: its key and slug are no stored article's (a slug a stored article gives
 * up in this run is taken only after that article moves, by the write phase), and no file checked
 * before it has its slug (a later file with the same slug is a problem, and the run rolls back).
 */
class NewArticles {
  /** How many were written. */
  written = 0;
  private pending: LoadedChange[] = [];
  private storedSlugs?: Set<string>;

  constructor(
    private readonly early: EarlyWrite,
    private readonly existing: readonly ExistingArticle[],
    private readonly byKey: ReadonlyMap<string, number>,
    private readonly checker: ContentChecker,
    /** Whether any redirect is stored: one from a slug a new article now uses must go. */
    private readonly redirectsStored: boolean,
  ) {}

  /** Takes the article for writing now, rendered; false leaves it to the write phase. */
  take(summary: ArticleSummary, article: ValidArticle): boolean {
    if (this.byKey.has(summary.key) || this.checker.sharesSlug(summary.slug)) return false;
    // Built at the first new article only: a plain re-run never builds it.
    this.storedSlugs ??= new Set(this.existing.map((stored) => stored.slug));
    if (this.storedSlugs.has(summary.slug)) return false;
    this.pending.push({
      change: { kind: 'create', article: summary },
      article,
      rendered: renderMarkdown(article.body),
    });
    return true;
  }

  full(): boolean {
    return this.pending.length >= LOAD_CHUNK;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    const { tx, writer, now } = this.early;
    if (this.redirectsStored) {
      await tx.redirect.deleteMany({ where: { fromSlug: { in: chunk.map(({ article }) => article.slug) } } });
    }
    await writeLoaded(tx, writer, chunk, now);
    this.written += chunk.length;
  }
}

function noContentFolder(contentDir: string): Problem {
  return {
    file: displayPath(path.join(contentDir, ARTICLES_DIR)),
    found: 'no such folder',
    expected: `a content folder holding ${SECTIONS_FILE}, ${AUTHORS_FILE} and ${ARTICLES_DIR}/ (see docs/editing.md)`,
  };
}

/** What the first pass works with, the same for every file. */
interface Pass {
  checker: ContentChecker;
  linter?: Linter;
  timeZone: string;
  /** What else a stored sourceHash stands for: the lint rules the file passed. */
  salt: string;
  now: Date;
}

/** The stored articles, their index by key, and a flag for each that may be taken unparsed. */
interface Skippable {
  existing: ExistingArticle[];
  byKey: ReadonlyMap<string, number>;
  flags: Uint8Array;
}

/** checkArticle's answer for a file whose bytes are those of its stored, skippable article. */
const UNCHANGED = 'unchanged';

/**
 * The summary of one article file; undefined when it has problems (recorded by the checker);
 * UNCHANGED when its bytes are those of a skippable stored article: it is then not parsed, and the
 * stored row stands for it.
 */
function checkArticle(
  name: SourceFileName,
  bytes: Buffer,
  skippable: Skippable,
  { checker, linter, timeZone, salt, now }: Pass,
  newArticles?: NewArticles,
): ArticleSummary | typeof UNCHANGED | undefined {
  // The bytes as read are hashed: an unchanged file is never even decoded.
  const sourceHash = hashSource(bytes, name.relative, timeZone, salt);
  const position = skippable.byKey.get(keyOf(name.relative));
  const stored = position === undefined || !skippable.flags[position] ? undefined : skippable.existing[position];
  if (stored && stored.sourceHash === sourceHash) {
    // Every string kept here is the stored row's or the listing's own.
    checker.claimSlug(name, stored.slug);
    linter?.addUnparsed({
      file: name.display,
      headline: stored.headline,
      slug: stored.slug,
      isPublic: isPublic(stored, now),
    });
    return UNCHANGED;
  }
  // Parsed once, for the checks and the lint alike.
  const source: SourceFile = { ...name, text: bytes.toString('utf8') };
  const parsed = parseArticleFile(source);
  linter?.add(lintDocumentOf(source, parsed));
  const article = checker.check(source, parsed);
  if (!article) return undefined;
  const { key, slug, status, publishedAt, minorChange } = article;
  const summary: ArticleSummary = {
    key,
    name,
    slug,
    status,
    publishedAt: publishedAt === null ? null : publishedAt.getTime(),
    contentHash: compactHash(article.contentHash),
    sourceHash,
    minorChange,
    editorialHash: compactHash(hashEditorial({ ...article, tagNames: article.tags.map((tag) => tag.name) })),
    written: false,
  };
  if (newArticles?.take(summary, article)) summary.written = true;
  return summary;
}

function isPublic(article: ExistingArticle, now: Date): boolean {
  return article.status === 'PUBLISHED' && article.publishedAt !== null && article.publishedAt <= now.getTime();
}

/** Whether an article readers can open now, as stored, would no longer be open after this seed. */
function lostPublicSlugs(existing: ExistingArticle[], publicNow: ReadonlySet<string>, now: Date): boolean {
  return existing.some((article) => isPublic(article, now) && !publicNow.has(article.slug));
}

/**
 * Stands for the lint rules in each stored sourceHash: a file stored while other rules were in
 * force is parsed and linted again (and only its hash rewritten when nothing else changed).
 */
function lintFingerprint(config: LintConfig | undefined): string {
  return config ? createHash('sha256').update(JSON.stringify(config)).digest('hex') : 'no lint';
}

function keyOf(relative: string): string {
  return path.posix.basename(relative, '.md');
}

interface StoredReferences {
  sectionSlugs: Map<number, string>;
  /** Articles with a stored author that authors.yaml no longer lists. */
  unlistedAuthors: Set<number>;
}

async function storedReferences(prisma: Tx, checker: ContentChecker): Promise<StoredReferences> {
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
 * Flags (by position in `existing`) for the stored articles whose file may be taken as valid without parsing when its bytes have not
 * changed: everything such a file says was checked when it was stored, except what lives outside
 * it. So an article is left out (and its file parsed) when it was unpublished (its file is back),
 * when it has a local lead image (the image file may have changed), or when its section or one of
 * its authors is no longer listed.
 */
function unchangedCandidates(
  existing: ExistingArticle[],
  checker: ContentChecker,
  stored: StoredReferences,
): Uint8Array {
  const candidates = new Uint8Array(existing.length);
  existing.forEach((article, position) => {
    if (article.status === 'UNPUBLISHED' || article.sourceHash === null) return;
    if (article.localImage) return;
    const section = stored.sectionSlugs.get(article.sectionId);
    if (!section || !checker.sectionSlugs?.has(section) || stored.unlistedAuthors.has(article.id)) return;
    candidates[position] = 1;
  });
  return candidates;
}

/** Reads, checks and renders the files of the planned changes again, a chunk at a time, in plan order. */
function* loadChanges(changes: ArticleChange[], setup: LoaderSetup): Generator<LoadedChange[]> {
  const load = createLoader(setup);
  for (const batch of chunks(changes, LOAD_CHUNK)) {
    const loaded = load(
      batch.map(({ article }) => ({
        display: article.name.display,
        relative: article.name.relative,
        contentHash: article.contentHash,
      })),
    );
    yield loaded.map((result, index) => ({ change: batch[index]!, ...result }));
  }
}

function hasChanges(plan: Plan, counts: WriteCounts): boolean {
  return (
    plan.creates.length + plan.written + plan.updates.length + plan.unpublish.length > 0 ||
    counts.sections.created + counts.sections.updated + counts.authors.created + counts.authors.updated > 0
  );
}
