import { type ContentFiles, listContentFolder, readSourceFiles } from '../files';
import { parseEditorDate } from '../dates';
import { detach } from '../detach';
import type { LintConfig, Severity } from './config';
import { type LintDocument, readLintDocument } from './document';
import {
  CROSS_FILE_RULES,
  duplicateHeadlines,
  type Finding,
  type HeadlineEntry,
  headlineEntry,
  LOCAL_RULES,
} from './rules';

// `npm run lint:content`, `npm test` and the seed all lint through here: read the files, run every
// rule that is not off, and give each finding the severity the config sets.

export interface LintFinding extends Finding {
  severity: Severity;
}

export interface LintResult {
  findings: LintFinding[];
  errors: number;
  warnings: number;
  files: number;
}

export interface LintOptions {
  config: LintConfig;
  /** SITE_TIMEZONE: how dates written without an offset are read. */
  timeZone: string;
  now?: Date;
}

export function lintFiles(files: ContentFiles, options: LintOptions): LintResult {
  const linter = createLinter(options);
  for (const file of files.articles) linter.add(readLintDocument(file));
  return linter.finish();
}

/** Lints a content folder; null when it has no articles/ folder (the seed reports that itself). */
export async function lintContentDir(dir: string, options: LintOptions): Promise<LintResult | null> {
  const folder = await listContentFolder(dir);
  if (!folder) return null;
  const linter = createLinter(options);
  // One file at a time: the linter keeps findings and a small index, never the files.
  for await (const file of readSourceFiles(dir, folder.articles)) linter.add(readLintDocument(file));
  return linter.finish();
}

/** What the rules across files need of an article file that is not parsed (the seed's unchanged files). */
export interface UnparsedArticle {
  file: string;
  headline: string;
  slug: string;
  /** Published with a publication time that has passed. */
  isPublic: boolean;
}

/**
 * Lints article files one at a time. The rules of a single file run at once; for the rules across
 * files it keeps a small index (headline, public slug, links to other articles) instead of the files.
 */
export interface Linter {
  /** An article file as read (null when its front matter cannot be read: the validator says why). */
  add(doc: LintDocument | null): void;
  /**
   * An article file the seed did not parse because it has not changed since it was stored, linted
   * with the same rules: its own findings cannot have changed, but others may link to it or share
   * its headline.
   */
  addUnparsed(article: UnparsedArticle): void;
  /** Checks the links to other articles of an unparsed file read after all (see the seed). */
  recheckLinks(doc: LintDocument | null): void;
  /** Slugs that readers can open, as the files say now. */
  publicSlugs(): ReadonlySet<string>;
  /** Runs the rules across files and lets the index go: the linter takes no file after this. */
  finish(): LintResult;
}

export function createLinter(options: LintOptions): Linter {
  const now = options.now ?? new Date();
  const context = { config: options.config, publicSlugs: new Set<string>(), timeZone: options.timeZone, now };
  const raw: Finding[] = [];
  const headlines: HeadlineEntry[] = [];
  // Only the links to articles, checked once every public slug is known.
  const linking: LintDocument[] = [];
  let files = 0;
  const keepLinks = (doc: LintDocument) => {
    // Kept until every file is read: copies, so the file they were read from can go.
    const links = doc.links
      .filter((link) => link.url.startsWith('/articles/'))
      .map((link) => ({ url: detach(link.url), text: '', line: link.line }));
    if (links.length) linking.push({ file: doc.file, fields: {}, lineOf: () => undefined, links, images: [] });
  };
  return {
    add(doc) {
      files++;
      if (!doc) return;
      for (const rule of LOCAL_RULES) raw.push(...rule(doc, context));
      const headline = headlineEntry(doc);
      if (headline) headlines.push(headline);
      const slug = publicSlugOf(doc.fields, options.timeZone, now);
      if (slug !== undefined) context.publicSlugs.add(slug);
      keepLinks(doc);
    },
    recheckLinks(doc) {
      if (doc) keepLinks(doc);
    },
    addUnparsed(article) {
      files++;
      headlines.push({ file: article.file, headline: article.headline });
      if (article.isPublic) context.publicSlugs.add(article.slug);
    },
    publicSlugs: () => context.publicSlugs,
    finish() {
      for (const doc of linking) for (const rule of CROSS_FILE_RULES) raw.push(...rule(doc, context));
      raw.push(...duplicateHeadlines(headlines));
      // The index is not needed any more: let it go before the seed's write, which it would
      // otherwise outlive (an entry and a slug a file, about a quarter of a large archive's index).
      headlines.length = 0;
      linking.length = 0;
      context.publicSlugs = new Set();
      const findings: LintFinding[] = [];
      for (const finding of raw) {
        const { severity } = options.config.rules[finding.rule];
        if (severity !== 'off') findings.push({ ...finding, severity });
      }
      // Read top to bottom, file by file, as an editor fixes them.
      findings.sort(
        (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule),
      );
      const errors = findings.filter((finding) => finding.severity === 'error').length;
      return { findings, errors, warnings: findings.length - errors, files };
    },
  };
}

function publicSlugOf(fields: Record<string, unknown>, timeZone: string, now: Date): string | undefined {
  if (fields.status !== 'published' || typeof fields.slug !== 'string') return undefined;
  const at = typeof fields.publishedAt === 'string' ? parseEditorDate(fields.publishedAt, timeZone) : null;
  // Kept until every file is read: a copy, so the file it was read from can go.
  return at && at <= now ? detach(fields.slug) : undefined;
}

/** One line per finding, `file:line severity rule-id: message`, then a count. */
export function formatLintResult(result: LintResult): string[] {
  const lines = result.findings.map(
    (finding) =>
      `${finding.file}${finding.line ? `:${finding.line}` : ''} ${finding.severity} ${finding.rule}: ${finding.message}`,
  );
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(
    `Content lint: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.files, 'article')}.`,
  );
  return lines;
}
