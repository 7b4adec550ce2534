import { type ContentFiles, readContentFiles } from '../files';
import { parseEditorDate } from '../dates';
import type { LintConfig, Severity } from './config';
import { type LintDocument, readLintDocument } from './document';
import { duplicateHeadlines, FILE_RULES, type Finding } from './rules';

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
  const now = options.now ?? new Date();
  const docs = files.articles.map(readLintDocument).filter((doc): doc is LintDocument => doc !== null);
  const context = {
    config: options.config,
    publicSlugs: publicSlugs(docs, options.timeZone, now),
    timeZone: options.timeZone,
    now,
  };
  const raw = [...docs.flatMap((doc) => FILE_RULES.flatMap((rule) => rule(doc, context))), ...duplicateHeadlines(docs)];
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
  return { findings, errors, warnings: findings.length - errors, files: files.articles.length };
}

/** Lints a content folder; null when it has no articles/ folder (the seed reports that itself). */
export async function lintContentDir(dir: string, options: LintOptions): Promise<LintResult | null> {
  const files = await readContentFiles(dir);
  return files ? lintFiles(files, options) : null;
}

function publicSlugs(docs: LintDocument[], timeZone: string, now: Date): Set<string> {
  const slugs = new Set<string>();
  for (const { fields } of docs) {
    if (fields.status !== 'published' || typeof fields.slug !== 'string') continue;
    const at = typeof fields.publishedAt === 'string' ? parseEditorDate(fields.publishedAt, timeZone) : null;
    if (at && at <= now) slugs.add(fields.slug);
  }
  return slugs;
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
