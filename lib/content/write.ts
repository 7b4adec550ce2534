import { dialectOf } from '../db';
import { compactHash, hashEditorial, hexHash } from './hash';
import { Prisma } from '../generated/prisma/client';
import { type ArticleRow, insertArticles } from './insert-articles';
import type { RenderedMarkdown } from './markdown';
import type { AuthorInput, SectionInput } from './schema';
import type {
  ArticleChange,
  ArticleUpdate,
  LoadedChange,
  Plan,
  Tx,
  ValidArticle,
  ValidContent,
  WriteCounts,
} from './types';

export interface WriteOptions {
  now: Date;
  /**
   * Reads, checks and renders the files of the planned changes again, in their order, a chunk at a
   * time. The plan holds no article text, so memory holds a few chunks, however many change.
   */
  load(changes: ArticleChange[]): Iterable<LoadedChange[]> | AsyncIterable<LoadedChange[]>;
  onProgress?: (done: number, total: number) => void;
}

// Rows per statement: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const CHUNK = 200;

/** The key of the PostgreSQL advisory lock that seeds take: any constant, the same in every seed. */
const SEED_LOCK = 7_301_955;

/**
 * Makes a second seed started meanwhile wait for this one instead of planning from the same rows
 * and colliding on insert. SQLite takes its write lock at a transaction's first write, so a
 * statement that changes nothing takes it (a second seed waits up to the 5 s busy timeout);
 * PostgreSQL has a transaction-scoped advisory lock for exactly this.
 */
export async function lockForWriting(tx: Tx): Promise<void> {
  if (dialectOf(tx) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
  else await tx.$executeRaw`DELETE FROM "Redirect" WHERE 1 = 0`;
}

/**
 * What a write has done so far, inside the caller's transaction: the sections and authors written,
 * the ids the articles' rows refer to, and the tags created. Started before any article is written,
 * so new articles can be written while the files are still being checked (lib/content/seed.ts).
 */
export interface ContentWriter {
  sections: { created: number; updated: number };
  authors: { created: number; updated: number };
  ids: Ids;
  tagsCreated: number;
}

/** Writes sections.yaml and authors.yaml and reads the ids articles refer to. */
export async function startWriting(tx: Tx, lists: Omit<ValidContent, 'articles'>): Promise<ContentWriter> {
  const sections = await upsertSections(tx, lists.sections);
  const authors = await upsertAuthors(tx, lists.authors);
  const ids: Ids = {
    articles: new Map(),
    sections: new Map((await tx.section.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id])),
    authors: new Map((await tx.author.findMany({ select: { id: true, slug: true } })).map((a) => [a.slug, a.id])),
    tags: new Map((await tx.tag.findMany({ select: { id: true, slug: true } })).map((t) => [t.slug, t.id])),
  };
  return { sections, authors, ids, tagsCreated: 0 };
}

/**
 * Writes a chunk of loaded changes: missing tags, the articles (new ones in one statement), their
 * bylines, tags and corrections. An article in `rerenderedOnly` keeps its update time.
 */
export async function writeLoaded(
  tx: Tx,
  writer: ContentWriter,
  loaded: LoadedChange[],
  now: Date,
  rerenderedOnly: ReadonlySet<number> = new Set(),
): Promise<void> {
  const { ids } = writer;
  writer.tagsCreated += await createMissingTags(tx, loaded, ids.tags);
  await writeArticles(tx, loaded, ids, now, rerenderedOnly);
  await insertRelations(tx, loaded, ids);
  // A new article's id is needed only for its own chunk's rows: forgotten after it, so a large
  // first import does not keep a key and an id for every article until the end.
  for (const { change } of loaded) if (change.kind === 'create') ids.articles.delete(change.article.key);
}

/**
 * Writes the plan inside the caller's transaction, so that every change lands or none does. With
 * `writer`, the write was started before (startWriting), and the new articles the plan only counts
 * (Plan.written) are in the database already.
 */
export async function writeContent(
  tx: Tx,
  lists: Omit<ValidContent, 'articles'>,
  plan: Plan,
  options: WriteOptions & { writer?: ContentWriter },
): Promise<WriteCounts> {
  const writer = options.writer ?? (await startWriting(tx, lists));
  const { ids } = writer;
  for (const change of plan.updates) ids.articles.set(change.article.key, change.existing.id);
  const changes: ArticleChange[] = [...plan.creates, ...plan.updates];
  const total = changes.length + plan.unpublish.length;
  let done = 0;
  const progress = (count: number) => options.onProgress?.((done += count), total);

  const rerenderedOnly = await keepRevisions(tx, plan.updates, options.now);
  await freeSlugsForSwaps(tx, plan.updates);
  await clearRelations(tx, plan.updates);
  for await (const loaded of options.load(changes)) {
    await writeLoaded(tx, writer, loaded, options.now, rerenderedOnly);
    progress(loaded.length);
  }
  await writeRedirects(tx, plan, changes);
  for (const { id, sourceHash } of plan.rehashed) {
    await tx.$executeRaw`UPDATE "Article" SET "sourceHash" = ${hexHash(sourceHash)} WHERE "id" = ${id}`;
  }
  for (const batch of chunks(plan.unpublish)) {
    await tx.article.updateMany({
      where: { id: { in: batch.map((article) => article.id) } },
      data: { status: 'UNPUBLISHED' },
    });
    progress(batch.length);
  }
  return { sections: writer.sections, authors: writer.authors, tags: { created: writer.tagsCreated } };
}

/** Ids by slug (by key for articles): read once, extended as rows are inserted. */
interface Ids {
  articles: Map<string, number>;
  sections: Map<string, number>;
  authors: Map<string, number>;
  tags: Map<string, number>;
}

/**
 * Inserts the new articles of a chunk in one statement, reading back their ids; updates the others.
 * An article in `rerenderedOnly` keeps its update time: readers saw no new version of it.
 */
async function writeArticles(
  tx: Tx,
  loaded: LoadedChange[],
  ids: Ids,
  now: Date,
  rerenderedOnly: ReadonlySet<number>,
): Promise<void> {
  const fresh: ArticleRow[] = [];
  for (const { change, article, rendered } of loaded) {
    const data = { ...articleData(article, rendered, ids.sections), sourceHash: hexHash(change.article.sourceHash) };
    if (change.kind === 'create') {
      // A new article's update time is its publication time, else the seed's.
      fresh.push({ ...data, updatedAt: article.publishedAt ?? now, createdAt: now });
    } else {
      const isNewVersion = change.updatedAt && !rerenderedOnly.has(change.existing.id);
      const updatedAt = isNewVersion ? { updatedAt: change.updatedAt } : {};
      await tx.article.update({ where: { id: change.existing.id }, data: { ...data, ...updatedAt } });
    }
  }
  if (fresh.length === 0) return;
  for (const row of await insertArticles(tx, fresh)) ids.articles.set(row.key, row.id);
}

/** The columns an article's file and rendering give, for an insert or an update alike. */
function articleData(article: ValidArticle, rendered: RenderedMarkdown, sectionIds: Map<string, number>) {
  return {
    key: article.key,
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    body: article.body,
    bodyHtml: rendered.html,
    bodyText: rendered.text,
    wordCount: rendered.wordCount,
    status: article.status,
    publishedAt: article.publishedAt,
    publishedDateOnly: article.publishedDateOnly,
    contentHash: article.contentHash,
    sourcePath: article.sourcePath,
    sectionId: lookup(sectionIds, article.section, 'the section'),
    imageSrc: article.image?.src ?? null,
    imageAlt: article.image?.alt ?? null,
    imageCaption: article.image?.caption ?? null,
    imageCredit: article.image?.credit ?? null,
    imageWidth: article.image?.width ?? null,
    imageHeight: article.image?.height ?? null,
    minorChange: article.minorChange,
  } satisfies Omit<Prisma.ArticleUncheckedCreateInput, 'updatedAt'>;
}

/** An id the seed itself read or wrote moments ago: a missing one is a bug in the seed, not bad content. */
function lookup<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`The seed lost track of ${what} "${String(key)}"`);
  return value;
}

async function upsertSections(tx: Tx, sections: SectionInput[]): Promise<{ created: number; updated: number }> {
  const stored = new Map((await tx.section.findMany()).map((section) => [section.slug, section]));
  const rows = sections.map((section, position) => ({
    slug: section.slug,
    name: section.name,
    description: section.description ?? null,
    position,
  }));
  const { fresh, changed } = diffBySlug(rows, stored);
  if (fresh.length) await tx.section.createMany({ data: fresh });
  for (const row of changed) await tx.section.update({ where: { slug: row.slug }, data: row });
  return { created: fresh.length, updated: changed.length };
}

/** Rows not stored yet, and stored rows whose fields differ: each field of a row is compared. */
function diffBySlug<Row extends { slug: string }>(
  rows: Row[],
  stored: Map<string, Row>,
): { fresh: Row[]; changed: Row[] } {
  const differs = (row: Row, old: Row) =>
    (Object.keys(row) as (keyof Row)[]).some((field) => row[field] !== old[field]);
  const fresh = rows.filter((row) => !stored.has(row.slug));
  const changed = rows.filter((row) => {
    const old = stored.get(row.slug);
    return old !== undefined && differs(row, old);
  });
  return { fresh, changed };
}

async function upsertAuthors(tx: Tx, authors: AuthorInput[]): Promise<{ created: number; updated: number }> {
  const stored = new Map((await tx.author.findMany()).map((author) => [author.slug, author]));
  const rows = authors.map((author) => ({
    slug: author.slug,
    name: author.name,
    role: author.role ?? null,
    bio: author.bio ?? null,
  }));
  const { fresh, changed } = diffBySlug(rows, stored);
  if (fresh.length) await tx.author.createMany({ data: fresh });
  for (const row of changed) await tx.author.update({ where: { slug: row.slug }, data: row });
  return { created: fresh.length, updated: changed.length };
}

// Tags are shared between articles and named by the first article that uses them; a later
// spelling ("US politics" vs "US Politics") does not rename a tag every article shows.
async function createMissingTags(tx: Tx, loaded: LoadedChange[], tagIds: Map<string, number>): Promise<number> {
  const fresh = new Map<string, string>();
  for (const { article } of loaded) {
    for (const tag of article.tags) if (!tagIds.has(tag.slug) && !fresh.has(tag.slug)) fresh.set(tag.slug, tag.name);
  }
  if (fresh.size === 0) return 0;
  const data = [...fresh].map(([slug, name]) => ({ slug, name }));
  for (const tag of await tx.tag.createManyAndReturn({ data, select: { id: true, slug: true } })) {
    tagIds.set(tag.slug, tag.id);
  }
  return fresh.size;
}

/** Keeps the stored version of every article whose content changes, as the editor wrote it. */
async function keepRevisions(tx: Tx, updates: ArticleUpdate[], now: Date): Promise<Set<number>> {
  const changed = updates.filter((change) => change.existing.contentHash !== change.article.contentHash);
  const rerenderedOnly = new Set<number>();
  for (const batch of chunks(changed)) {
    const rows = await tx.article.findMany({
      where: { id: { in: batch.map((change) => change.existing.id) } },
      include: {
        section: { select: { slug: true } },
        authors: { orderBy: { position: 'asc' }, select: { author: { select: { slug: true } } } },
        tags: { select: { tag: { select: { name: true } } } },
        corrections: { orderBy: { position: 'asc' } },
      },
    });
    const changeById = new Map(batch.map((change) => [change.existing.id, change]));
    const previous = rows.filter((row) => {
      const change = changeById.get(row.id);
      if (!change || isNewVersion(row, change)) return true;
      rerenderedOnly.add(row.id);
      return false;
    });
    await tx.revision.createMany({
      data: previous.map((article) => ({
        articleId: article.id,
        supersededAt: now,
        contentHash: article.contentHash,
        headline: article.headline,
        standfirst: article.standfirst,
        body: article.body,
        minorChange: article.minorChange,
        snapshot: JSON.stringify({
          key: article.key,
          sourcePath: article.sourcePath,
          slug: article.slug,
          headline: article.headline,
          standfirst: article.standfirst,
          section: article.section.slug,
          authors: article.authors.map((row) => row.author.slug),
          tags: article.tags.map((row) => row.tag.name),
          status: article.status,
          publishedAt: article.publishedAt?.toISOString() ?? null,
          image: article.imageSrc
            ? {
                src: article.imageSrc,
                alt: article.imageAlt,
                caption: article.imageCaption,
                credit: article.imageCredit,
                width: article.imageWidth,
                height: article.imageHeight,
              }
            : null,
          corrections: article.corrections.map((c) => ({ date: c.date.toISOString(), kind: c.kind, text: c.text })),
          body: article.body,
          minorChange: article.minorChange,
        }),
      })),
    });
  }
  return rerenderedOnly;
}

type StoredVersion = Prisma.ArticleGetPayload<{
  include: {
    section: { select: { slug: true } };
    authors: { select: { author: { select: { slug: true } } } };
    tags: { select: { tag: { select: { name: true } } } };
    corrections: true;
  };
}>;

/**
 * Whether readers will see a new version: what they read changed, or the article moved between draft
 * and published. Otherwise its contentHash moved only because the seed derives more from the same
 * file (a new renderer, a date-only flag), and the article is written again without a Revision or
 * a new update time.
 */
function isNewVersion(row: StoredVersion, change: ArticleUpdate): boolean {
  if (row.status !== 'UNPUBLISHED' && row.status !== change.article.status) return true;
  const stored = hashEditorial({
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    section: row.section.slug,
    authors: row.authors.map((link) => link.author.slug),
    tagNames: row.tags.map((link) => link.tag.name),
    publishedAt: row.publishedAt,
    image: row.imageSrc
      ? { src: row.imageSrc, alt: row.imageAlt, caption: row.imageCaption, credit: row.imageCredit }
      : null,
    corrections: row.corrections,
    body: row.body,
  });
  return compactHash(stored) !== change.article.editorialHash;
}

// Two articles may trade slugs in one run; moving every renamed article aside first keeps the
// unique index on slug satisfied at each statement.
async function freeSlugsForSwaps(tx: Tx, updates: ArticleUpdate[]): Promise<void> {
  for (const { existing, article } of updates) {
    if (existing.slug !== article.slug) {
      await tx.article.update({ where: { id: existing.id }, data: { slug: `~moving-${existing.id}` } });
    }
  }
}

/** Bylines, tags and corrections of updated articles are written afresh: the old ones go first. */
async function clearRelations(tx: Tx, updates: ArticleUpdate[]): Promise<void> {
  for (const batch of chunks(updates)) {
    const where = { articleId: { in: batch.map((change) => change.existing.id) } };
    await tx.articleAuthor.deleteMany({ where });
    await tx.articleTag.deleteMany({ where });
    await tx.correction.deleteMany({ where });
  }
}

async function insertRelations(tx: Tx, loaded: LoadedChange[], ids: Ids): Promise<void> {
  const bylines: Prisma.Sql[] = [];
  const tags: Prisma.Sql[] = [];
  const corrections: Prisma.CorrectionCreateManyInput[] = [];
  for (const { article } of loaded) {
    const articleId = lookup(ids.articles, article.key, 'the article');
    article.authors.forEach((slug, position) =>
      bylines.push(Prisma.sql`(${articleId}, ${lookup(ids.authors, slug, 'the author')}, ${position})`),
    );
    for (const tag of article.tags) tags.push(Prisma.sql`(${articleId}, ${lookup(ids.tags, tag.slug, 'the tag')})`);
    article.corrections.forEach((correction, position) => corrections.push({ articleId, ...correction, position }));
  }
  // Join rows are plain integer pairs, tens of thousands in a big import. One multi-row INSERT per
  // chunk, written as SQL both SQLite and PostgreSQL accept, costs a tenth of createMany's time.
  if (bylines.length) {
    await tx.$executeRaw`INSERT INTO "ArticleAuthor" ("articleId", "authorId", "position") VALUES ${Prisma.join(bylines)}`;
  }
  if (tags.length) await tx.$executeRaw`INSERT INTO "ArticleTag" ("articleId", "tagId") VALUES ${Prisma.join(tags)}`;
  if (corrections.length) await tx.correction.createMany({ data: corrections });
}

async function writeRedirects(tx: Tx, plan: Plan, changes: ArticleChange[]): Promise<void> {
  // A slug an article now uses is live, so any redirect from it is dropped; an old slug that
  // redirected elsewhere before now leads to the article that last held it.
  // No redirect stored at all (any first import): nothing to drop, and none of the queries below.
  if (plan.redirects.length === 0 && (await tx.redirect.count()) === 0) return;
  const freed = [
    ...changes.map((change) => change.article.slug),
    ...plan.redirects.map((redirect) => redirect.fromSlug),
  ];
  for (const batch of chunks(freed)) await tx.redirect.deleteMany({ where: { fromSlug: { in: batch } } });
  for (const batch of chunks(plan.redirects)) {
    await tx.redirect.createMany({ data: batch.map(({ fromSlug, articleId }) => ({ fromSlug, articleId })) });
  }
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Tells every running instance that content changed: they watch this row (server/content-watch.ts)
 * and drop their cached pages when its version moves. Written inside the seed's transaction, so the
 * signal is never seen before the data it announces.
 */
export async function bumpContentVersion(tx: Tx, now: Date): Promise<void> {
  await tx.contentState.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1, changedAt: now },
    update: { version: { increment: 1 }, changedAt: now },
  });
}
