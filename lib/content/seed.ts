import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client';
import { type RenderedMarkdown, renderMarkdown } from './markdown';
import { ARTICLES_DIR, AUTHORS_FILE, displayPath, readContentFiles, SECTIONS_FILE } from './files';
import { planArticles, readExistingArticles } from './plan';
import type { Problem } from './problems';
import type { Progress } from './report';
import type { Plan, WriteCounts } from './types';
import { validateContent } from './validate';
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
 * The whole seed: read every file, validate all of it, then, only when nothing is wrong, write the
 * changes in one transaction. Problems come back as data; nothing is written when there are any.
 */
export async function seedContent(options: SeedOptions): Promise<SeedResult> {
  const { prisma, progress } = options;
  const now = options.now ?? new Date();
  const files = await readContentFiles(options.contentDir, (done, total) => progress?.update('Reading', done, total));
  if (!files) {
    return {
      ok: false,
      problems: [
        {
          file: displayPath(path.join(options.contentDir, ARTICLES_DIR)),
          found: 'no such folder',
          expected: `a content folder holding ${SECTIONS_FILE}, ${AUTHORS_FILE} and ${ARTICLES_DIR}/ (see docs/editing.md)`,
        },
      ],
    };
  }
  const { problems, content } = validateContent(
    files,
    { timeZone: options.timeZone, publicDir: options.publicDir },
    (done, total) => progress?.update('Checking', done, total),
  );
  progress?.done();
  if (problems.length) return { ok: false, problems };

  const planned = planArticles(content, await readExistingArticles(prisma), now);
  if (planned.problems.length) return { ok: false, problems: planned.problems };
  if (options.checkOnly) return { ok: true, plan: planned.plan, changed: false };

  // Rendering happens before the transaction, so the write lock is held only while writing.
  const rendered = new Map<string, RenderedMarkdown>();
  renderChanges(planned.plan, rendered, progress);
  const outcome = await prisma.$transaction(
    async (tx) => {
      await lockForWriting(tx);
      // Another seed may have written between the first plan and the lock: plan again from the
      // rows as they are now (one query), rendering whatever that adds.
      const { plan, problems } = planArticles(content, await readExistingArticles(tx), now);
      if (problems.length) return { ok: false as const, problems };
      renderChanges(plan, rendered);
      const counts = await writeContent(tx, content, plan, {
        now,
        rendered,
        onProgress: (done, total) => progress?.update('Writing', done, total),
      });
      if (hasChanges(plan, counts)) await bumpContentVersion(tx, now);
      return { ok: true as const, plan, counts };
    },
    // A 10,000-article import takes a while on a busy machine; the default 5 s would abort it.
    { timeout: 15 * 60_000, maxWait: 30_000 },
  );
  progress?.done();
  if (!outcome.ok) return outcome;
  const { plan, counts } = outcome;
  return { ok: true, plan, counts, changed: hasChanges(plan, counts) };
}

function hasChanges(plan: Plan, counts: WriteCounts): boolean {
  return (
    plan.creates.length + plan.updates.length + plan.unpublish.length > 0 ||
    counts.sections.created + counts.sections.updated + counts.authors.created + counts.authors.updated > 0
  );
}

/** Renders the body of every new or changed article not rendered yet: unchanged ones cost nothing. */
function renderChanges(plan: Plan, rendered: Map<string, RenderedMarkdown>, progress?: Progress): void {
  const missing = [...plan.creates, ...plan.updates].filter((change) => !rendered.has(change.article.key));
  missing.forEach((change, index) => {
    rendered.set(change.article.key, renderMarkdown(change.article.body));
    progress?.update('Rendering', index + 1, missing.length);
  });
}
