import { Prisma } from '../generated/prisma/client';
import type { RenderedMarkdown } from './markdown';
import type { ArticleChange, Plan } from './plan';
import type { AuthorInput, SectionInput } from './schema';
import type { ValidContent } from './validate';

export type Tx = Prisma.TransactionClient;

export interface WriteCounts {
  sections: { created: number; updated: number };
  authors: { created: number; updated: number };
  tags: { created: number };
}

export interface WriteOptions {
  now: Date;
  /** The rendering of every created or updated article's body, by article key. */
  rendered: Map<string, RenderedMarkdown>;
  onProgress?: (done: number, total: number) => void;
}

// Rows per statement: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const CHUNK = 200;

/**
 * SQLite takes its write lock at a transaction's first write. Taking it first, with a statement that
 * changes nothing, makes a second seed started meanwhile wait for this one (up to the 5 s busy
 * timeout) instead of planning from the same rows and colliding on insert.
 */
export async function lockForWriting(tx: Tx): Promise<void> {
  await tx.$executeRaw`DELETE FROM "Redirect" WHERE 1 = 0`;
}

/** Writes the plan inside the caller's transaction, so that every change lands or none does. */
export async function writeContent(
  tx: Tx,
  content: ValidContent,
  plan: Plan,
  options: WriteOptions,
): Promise<WriteCounts> {
  const sections = await upsertSections(tx, content.sections);
  const authors = await upsertAuthors(tx, content.authors);
  const changes = [...plan.creates, ...plan.updates];
  const tags = await createMissingTags(tx, changes);
  const sectionIds = new Map(
    (await tx.section.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id]),
  );
  const authorIds = new Map(
    (await tx.author.findMany({ select: { id: true, slug: true } })).map((a) => [a.slug, a.id]),
  );

  const total = changes.length + plan.unpublish.length;
  let done = 0;
  const progress = (count: number) => options.onProgress?.((done += count), total);

  await keepRevisions(tx, plan.updates, options.now);
  await freeSlugsForSwaps(tx, plan.updates);
  const ids = new Map<ArticleChange, number>();
  for (const batch of chunks(plan.creates)) {
    const created = await tx.article.createManyAndReturn({
      data: batch.map((change) => ({ ...articleData(change, options.rendered, sectionIds), createdAt: options.now })),
      select: { id: true, key: true },
    });
    const idByKey = new Map(created.map((row) => [row.key, row.id]));
    for (const change of batch) ids.set(change, idByKey.get(change.article.key) as number);
    progress(batch.length);
  }
  for (const change of plan.updates) {
    const id = (change.existing as { id: number }).id;
    await tx.article.update({ where: { id }, data: articleData(change, options.rendered, sectionIds) });
    ids.set(change, id);
    progress(1);
  }
  await replaceRelations(
    tx,
    plan.updates.map((change) => ids.get(change) as number),
    changes,
    ids,
    {
      authorIds,
      tagIds: tags.ids,
    },
  );
  await writeRedirects(tx, plan, changes);
  for (const batch of chunks(plan.unpublish)) {
    await tx.article.updateMany({
      where: { id: { in: batch.map((article) => article.id) } },
      data: { status: 'UNPUBLISHED' },
    });
    progress(batch.length);
  }
  return { sections, authors, tags: { created: tags.created } };
}

function articleData(change: ArticleChange, renders: Map<string, RenderedMarkdown>, sectionIds: Map<string, number>) {
  const { article } = change;
  const rendered = renders.get(article.key) as RenderedMarkdown;
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
    ...(change.updatedAt ? { updatedAt: change.updatedAt } : {}),
    contentHash: article.contentHash,
    sourcePath: article.sourcePath,
    sectionId: sectionIds.get(article.section) as number,
    imageSrc: article.image?.src ?? null,
    imageAlt: article.image?.alt ?? null,
    imageCaption: article.image?.caption ?? null,
    imageCredit: article.image?.credit ?? null,
    imageWidth: article.image?.width ?? null,
    imageHeight: article.image?.height ?? null,
  } as Prisma.ArticleUncheckedCreateInput;
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
async function createMissingTags(
  tx: Tx,
  changes: ArticleChange[],
): Promise<{ created: number; ids: Map<string, number> }> {
  const wanted = new Map<string, string>();
  for (const change of changes)
    for (const tag of change.article.tags) if (!wanted.has(tag.slug)) wanted.set(tag.slug, tag.name);
  const ids = new Map((await tx.tag.findMany({ select: { id: true, slug: true } })).map((tag) => [tag.slug, tag.id]));
  const fresh = [...wanted].filter(([slug]) => !ids.has(slug)).map(([slug, name]) => ({ slug, name }));
  for (const batch of chunks(fresh)) {
    for (const tag of await tx.tag.createManyAndReturn({ data: batch, select: { id: true, slug: true } }))
      ids.set(tag.slug, tag.id);
  }
  return { created: fresh.length, ids };
}

/** Keeps the stored version of every article whose content changes, as the editor wrote it. */
async function keepRevisions(tx: Tx, updates: ArticleChange[], now: Date): Promise<void> {
  const changed = updates.filter(
    (change) => change.existing && change.existing.contentHash !== change.article.contentHash,
  );
  for (const batch of chunks(changed)) {
    const previous = await tx.article.findMany({
      where: { id: { in: batch.map((change) => (change.existing as { id: number }).id) } },
      include: {
        section: { select: { slug: true } },
        authors: { orderBy: { position: 'asc' }, select: { author: { select: { slug: true } } } },
        tags: { select: { tag: { select: { name: true } } } },
        corrections: { orderBy: { position: 'asc' } },
      },
    });
    await tx.revision.createMany({
      data: previous.map((article) => ({
        articleId: article.id,
        supersededAt: now,
        contentHash: article.contentHash,
        headline: article.headline,
        standfirst: article.standfirst,
        body: article.body,
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
        }),
      })),
    });
  }
}

// Two articles may trade slugs in one run; moving every renamed article aside first keeps the
// unique index on slug satisfied at each statement.
async function freeSlugsForSwaps(tx: Tx, updates: ArticleChange[]): Promise<void> {
  for (const change of updates) {
    const existing = change.existing as { id: number; slug: string };
    if (existing.slug !== change.article.slug) {
      await tx.article.update({ where: { id: existing.id }, data: { slug: `~moving-${existing.id}` } });
    }
  }
}

async function replaceRelations(
  tx: Tx,
  updatedIds: number[],
  changes: ArticleChange[],
  ids: Map<ArticleChange, number>,
  lookups: { authorIds: Map<string, number>; tagIds: Map<string, number> },
): Promise<void> {
  for (const batch of chunks(updatedIds)) {
    const where = { articleId: { in: batch } };
    await tx.articleAuthor.deleteMany({ where });
    await tx.articleTag.deleteMany({ where });
    await tx.correction.deleteMany({ where });
  }
  const bylines: { articleId: number; authorId: number; position: number }[] = [];
  const tags: { articleId: number; tagId: number }[] = [];
  const corrections: Prisma.CorrectionCreateManyInput[] = [];
  for (const change of changes) {
    const articleId = ids.get(change) as number;
    change.article.authors.forEach((slug, position) =>
      bylines.push({ articleId, authorId: lookups.authorIds.get(slug) as number, position }),
    );
    for (const tag of change.article.tags) tags.push({ articleId, tagId: lookups.tagIds.get(tag.slug) as number });
    change.article.corrections.forEach((correction, position) =>
      corrections.push({ articleId, ...correction, position }),
    );
  }
  // Join rows are plain integer pairs, tens of thousands in a big import. One multi-row INSERT per
  // chunk, written as SQL both SQLite and PostgreSQL accept, costs a tenth of createMany's time.
  for (const batch of chunks(bylines, 1000)) {
    const values = batch.map((row) => Prisma.sql`(${row.articleId}, ${row.authorId}, ${row.position})`);
    await tx.$executeRaw`INSERT INTO "ArticleAuthor" ("articleId", "authorId", "position") VALUES ${Prisma.join(values)}`;
  }
  for (const batch of chunks(tags, 1000)) {
    const values = batch.map((row) => Prisma.sql`(${row.articleId}, ${row.tagId})`);
    await tx.$executeRaw`INSERT INTO "ArticleTag" ("articleId", "tagId") VALUES ${Prisma.join(values)}`;
  }
  for (const batch of chunks(corrections)) await tx.correction.createMany({ data: batch });
}

async function writeRedirects(tx: Tx, plan: Plan, changes: ArticleChange[]): Promise<void> {
  // A slug an article now uses is live, so any redirect from it is dropped; an old slug that
  // redirected elsewhere before now leads to the article that last held it.
  const freed = [
    ...changes.map((change) => change.article.slug),
    ...plan.redirects.map((redirect) => redirect.fromSlug),
  ];
  for (const batch of chunks(freed)) await tx.redirect.deleteMany({ where: { fromSlug: { in: batch } } });
  for (const batch of chunks(plan.redirects)) {
    await tx.redirect.createMany({ data: batch.map(({ fromSlug, articleId }) => ({ fromSlug, articleId })) });
  }
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
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
