import { existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  AUTHORS_FILE,
  type ContentFiles,
  displayPath,
  SECTIONS_FILE,
  type SourceFile,
  splitFrontMatter,
} from './files';
import { isDateOnly } from './dates';
import { hashArticle } from './hash';
import { describeFound, fieldPath, type Problem, suggestField } from './problems';
import {
  articleSchema,
  type AuthorInput,
  authorsSchema,
  KNOWN_FIELDS,
  type SectionInput,
  sectionsSchema,
} from './schema';
import { isSlug, slugify } from './slug';
import { type ParsedYaml, parseYaml } from './yaml-source';
import { readImageSize } from './image-size';

export type ArticleStatusValue = 'DRAFT' | 'PUBLISHED';
export type CorrectionKindValue = 'CORRECTION' | 'UPDATE' | 'CLARIFICATION';

/** An article as its file describes it, checked and normalised, before anything is rendered. */
export interface ArticleSource {
  /** The file name without ".md": the article's identity, kept when its slug changes. */
  key: string;
  sourcePath: string;
  slug: string;
  headline: string;
  standfirst: string | null;
  section: string;
  authors: string[];
  tags: { slug: string; name: string }[];
  status: ArticleStatusValue;
  publishedAt: Date | null;
  /** publishedAt was written as a date alone: it stands for that day, not for its midnight. */
  publishedDateOnly: boolean;
  image: {
    src: string;
    alt: string;
    caption: string | null;
    credit: string | null;
    width: number | null;
    height: number | null;
  } | null;
  corrections: { date: Date; kind: CorrectionKindValue; text: string }[];
  /** Markdown, without the blank lines around it. */
  body: string;
}

export interface ValidArticle extends ArticleSource {
  contentHash: string;
  /** The file as shown to editors, for messages. */
  file: string;
}

export interface ValidContent {
  sections: SectionInput[];
  authors: AuthorInput[];
  articles: ValidArticle[];
}

export interface ValidateOptions {
  /** Time zone for dates written without an offset (SITE_TIMEZONE). */
  timeZone: string;
  /** Where lead images named "/images/..." must exist. */
  publicDir: string;
}

export interface ValidationResult {
  problems: Problem[];
  content: ValidContent;
}

type Known = readonly string[];

/**
 * Checks every file already read and reports every problem. Writes nothing and touches no database;
 * the only files it opens are the local lead images articles name, for their pixel size.
 */
export function validateContent(
  files: ContentFiles,
  options: ValidateOptions,
  onProgress?: (done: number, total: number) => void,
): ValidationResult {
  const problems: Problem[] = [];
  const sections = validateList(
    files,
    files.sections,
    SECTIONS_FILE,
    sectionsSchema,
    KNOWN_FIELDS.section,
    problems,
    true,
  );
  const authors = validateList(files, files.authors, AUTHORS_FILE, authorsSchema, KNOWN_FIELDS.author, problems, false);
  const sectionSlugs = sections && new Set(sections.map((section) => section.slug));
  const authorSlugs = authors && new Set(authors.map((author) => author.slug));

  const schema = articleSchema(options.timeZone);
  const articles: ValidArticle[] = [];
  const firstBySlug = new Map<string, SourceFile>();
  const duplicates = new Map<string, SourceFile[]>();
  const slugLines = new Map<SourceFile, number | undefined>();
  let done = 0;
  for (const file of files.articles) {
    const checked = validateArticle(file, schema, { ...options, sectionSlugs, authorSlugs }, problems);
    if (checked.slug !== undefined) {
      slugLines.set(file, checked.slugLine);
      const first = firstBySlug.get(checked.slug);
      if (first) duplicates.set(checked.slug, [...(duplicates.get(checked.slug) ?? [first]), file]);
      else firstBySlug.set(checked.slug, file);
    }
    if (checked.article) articles.push(checked.article);
    onProgress?.(++done, files.articles.length);
  }
  for (const [slug, sharing] of duplicates) {
    for (const file of sharing) {
      const others = sharing.filter((other) => other !== file).map((other) => other.display);
      problems.push({
        file: file.display,
        field: 'slug',
        line: slugLines.get(file),
        found: JSON.stringify(slug),
        expected: `a slug no other article uses (also used by ${others.join(', ')})`,
      });
    }
  }
  // Read top to bottom, file by file, as an editor fixes them.
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { problems, content: { sections: sections ?? [], authors: authors ?? [], articles } };
}

function validateList<T extends z.ZodType<{ slug: string }[]>>(
  files: ContentFiles,
  file: SourceFile | undefined,
  name: string,
  schema: T,
  known: Known,
  problems: Problem[],
  required: boolean,
): z.output<T> | undefined {
  if (!file) {
    if (!required) return [] as unknown as z.output<T>;
    problems.push({
      file: displayPath(path.join(files.dir, name)),
      found: 'no such file',
      expected: `${name}, the list every article refers to (see docs/editing.md)`,
    });
    return undefined;
  }
  const parsed = parseYaml(file.text, file.display, 0, problems);
  if (!parsed) return undefined;
  const result = schema.safeParse(parsed.value ?? []);
  if (!result.success) problems.push(...zodProblems(result.error, file.display, parsed, () => known));
  const seen = new Set<unknown>();
  (Array.isArray(parsed.value) ? (parsed.value as unknown[]) : []).forEach((entry, index) => {
    const slug = (entry as { slug?: unknown } | null)?.slug;
    if (typeof slug === 'string' && seen.has(slug)) {
      problems.push({
        file: file.display,
        field: `[${index}].slug`,
        line: parsed.lineOf([index, 'slug']),
        found: JSON.stringify(slug),
        expected: `a slug not used earlier in ${name}`,
      });
    }
    seen.add(slug);
  });
  if (!result.success) return undefined;
  return result.data;
}

interface ArticleContext extends ValidateOptions {
  sectionSlugs?: Set<string>;
  authorSlugs?: Set<string>;
}

function validateArticle(
  file: SourceFile,
  schema: ReturnType<typeof articleSchema>,
  context: ArticleContext,
  problems: Problem[],
): { article?: ValidArticle; slug?: string; slugLine?: number } {
  const key = path.posix.basename(file.relative, '.md');
  const before = problems.length;
  if (!isSlug(key)) {
    problems.push({
      file: file.display,
      field: '(file name)',
      found: JSON.stringify(`${key}.md`),
      expected: `a file name made of lowercase letters, digits and hyphens, e.g. "${slugify(key) || 'my-article'}.md"`,
    });
  }
  const split = splitFrontMatter(file.text);
  if (!split) {
    problems.push({
      file: file.display,
      line: 1,
      found: 'no front matter',
      expected: 'the file to start with a line "---", the fields, then another line "---" before the text',
    });
    return {};
  }
  const parsed = parseYaml(split.yaml, file.display, split.yamlLineOffset, problems);
  if (!parsed) return {};
  const raw = parsed.value ?? {};
  const result = schema.safeParse(raw);
  if (!result.success) {
    problems.push(...zodProblems(result.error, file.display, parsed, articleKnownFields));
  }

  const rawFields =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const at = (field: PropertyKey[], found: unknown, expected: string) =>
    problems.push({
      file: file.display,
      field: fieldPath(field),
      line: parsed.lineOf(field),
      found: describeFound(found),
      expected,
    });

  if (rawFields.status === 'published' && rawFields.publishedAt == null) {
    at(['publishedAt'], rawFields.publishedAt, 'the publication date and time, required when status is published');
  }
  if (
    typeof rawFields.section === 'string' &&
    context.sectionSlugs &&
    isSlug(rawFields.section) &&
    !context.sectionSlugs.has(rawFields.section)
  ) {
    at(
      ['section'],
      rawFields.section,
      `one of the sections in ${SECTIONS_FILE}: ${[...context.sectionSlugs].join(', ')}`,
    );
  }
  if (Array.isArray(rawFields.authors) && context.authorSlugs) {
    const seen = new Set<unknown>();
    rawFields.authors.forEach((author: unknown, index) => {
      if (typeof author === 'string' && !context.authorSlugs?.has(author)) {
        at(
          ['authors', index],
          author,
          `an author listed in ${AUTHORS_FILE}${suggestion(author, [...(context.authorSlugs ?? [])])}`,
        );
      } else if (seen.has(author)) {
        at(['authors', index], author, 'each author once');
      }
      seen.add(author);
    });
  }
  if (Array.isArray(rawFields.tags)) {
    rawFields.tags.forEach((tag: unknown, index) => {
      if (typeof tag === 'string' && tag.trim() && !slugify(tag)) {
        at(['tags', index], tag, 'a tag with at least one letter or digit');
      }
    });
  }
  const image = rawFields.image as Record<string, unknown> | undefined;
  let localSize: { width: number; height: number } | null = null;
  if (image && typeof image.src === 'string' && image.src.startsWith('/') && !image.src.split('/').includes('..')) {
    const imageFile = path.join(context.publicDir, image.src);
    if (!existsSync(imageFile)) {
      at(['image', 'src'], image.src, `an image file that exists in ${displayPath(context.publicDir)}/`);
    } else if (!(localSize = readImageSize(imageFile))) {
      at(['image', 'src'], image.src, 'an image file a browser can show (JPEG, PNG, WebP, GIF, AVIF or SVG)');
    }
  }
  const body = split.body.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  if (rawFields.status === 'published' && body === '') {
    problems.push({
      file: file.display,
      field: '(text)',
      found: 'no text after the front matter',
      expected: 'the article text, required when status is published',
    });
  }
  const slug = typeof rawFields.slug === 'string' ? { slug: rawFields.slug, slugLine: parsed.lineOf(['slug']) } : {};
  if (!result.success || problems.length > before) return slug;

  const data = result.data;
  const source: ArticleSource = {
    key,
    sourcePath: file.relative,
    slug: data.slug,
    headline: data.headline,
    standfirst: data.standfirst ?? null,
    section: data.section,
    authors: data.authors,
    tags: uniqueTags(data.tags),
    status: data.status === 'published' ? 'PUBLISHED' : 'DRAFT',
    publishedAt: data.publishedAt ?? null,
    publishedDateOnly: typeof rawFields.publishedAt === 'string' && isDateOnly(rawFields.publishedAt),
    image: data.image
      ? {
          src: data.image.src,
          alt: data.image.alt,
          caption: data.image.caption ?? null,
          credit: data.image.credit ?? null,
          // The editor's size when both are given, else a local file's own (never one of each).
          ...(data.image.width && data.image.height
            ? { width: data.image.width, height: data.image.height }
            : { width: localSize?.width ?? null, height: localSize?.height ?? null }),
        }
      : null,
    corrections: data.corrections.map((correction) => ({
      date: correction.date,
      kind: correction.kind.toUpperCase() as CorrectionKindValue,
      text: correction.text,
    })),
    body,
  };
  return { ...slug, article: { ...source, contentHash: hashArticle(source), file: file.display } };
}

function uniqueTags(names: string[]): { slug: string; name: string }[] {
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (!bySlug.has(slug)) bySlug.set(slug, name);
  }
  return [...bySlug].map(([slug, name]) => ({ slug, name }));
}

function articleKnownFields(path: readonly PropertyKey[]): Known {
  if (path[0] === 'image') return KNOWN_FIELDS.image;
  if (path[0] === 'corrections') return KNOWN_FIELDS.correction;
  return KNOWN_FIELDS.article;
}

function suggestion(found: string, known: string[]): string {
  const near = suggestField(found, known);
  return near ? `; did you mean "${near}"?` : '';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function zodProblems(
  error: z.ZodError,
  file: string,
  parsed: ParsedYaml,
  known: (path: readonly PropertyKey[]) => Known,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const fields = known(issue.path);
        const near = suggestField(key, fields);
        problems.push({
          file,
          field: fieldPath([...issue.path, key]),
          line: parsed.lineOf([...issue.path, key]),
          found: `an unknown field "${key}"`,
          expected: near ? `"${near}" (did you mean "${near}"?)` : `one of the known fields: ${fields.join(', ')}`,
        });
      }
      continue;
    }
    const found = valueAt(parsed.value, issue.path);
    const last = issue.path[issue.path.length - 1];
    const slugHint =
      last === 'slug' && typeof found === 'string' && slugify(found) ? `; "${slugify(found)}" would do` : '';
    problems.push({
      file,
      field: fieldPath(issue.path) || undefined,
      line: parsed.lineOf(issue.path),
      found: describeFound(found),
      expected: `${issue.message}${slugHint}`,
    });
  }
  return problems;
}
