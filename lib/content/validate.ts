import { existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  AUTHORS_FILE,
  type ContentFiles,
  displayPath,
  SECTIONS_FILE,
  type SourceFile,
  type SourceFileName,
} from './files';
import { isDateOnly } from './dates';
import { detach } from './detach';
import { hashArticle } from './hash';
import { describeFound, fieldPath, type Problem, suggestField } from './problems';
import { type ArticleFrontMatter, articleSchema, authorsSchema, KNOWN_FIELDS, sectionsSchema } from './schema';
import { isSlug, slugify } from './slug';
import type { ArticleSource, CorrectionKindValue, ValidArticle, ValidContent } from './types';
import { type ParsedYaml, parseYaml } from './yaml-source';
import { readImageSize } from './image-size';
import { type ParsedArticleFile, parseArticleFile } from './article-file';

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
 * Checks every file already read and reports every problem. It reads no content file itself; the
 * only files it opens are local lead images in public/, for their size. For a folder in memory (tests,
 * small folders); the seed streams files through a ContentChecker instead.
 */
export function validateContent(
  files: ContentFiles,
  options: ValidateOptions,
  onProgress?: (done: number, total: number) => void,
): ValidationResult {
  const checker = createContentChecker(files, options);
  const articles: ValidArticle[] = [];
  files.articles.forEach((file, index) => {
    const article = checker.check(file);
    if (article) articles.push(article);
    onProgress?.(index + 1, files.articles.length);
  });
  return { problems: checker.finish(), content: { ...checker.lists, articles } };
}

/** Checks a content folder one article file at a time, keeping only each file's slug between files. */
export interface ContentChecker {
  /** sections.yaml and authors.yaml as checked (empty when broken: their problems are reported). */
  lists: Omit<ValidContent, 'articles'>;
  /** The slugs in sections.yaml and authors.yaml; undefined when that file is broken. */
  sectionSlugs?: ReadonlySet<string>;
  authorSlugs?: ReadonlySet<string>;
  /** Checks one article file and records its problems; the article when it has none. */
  check(file: SourceFile, parsed?: ParsedArticleFile): ValidArticle | undefined;
  /** Records the slug of a file taken as valid without parsing it, for the duplicate check. */
  claimSlug(file: SourceFileName, slug: string): void;
  /** Whether two files checked or claimed so far have this slug. */
  sharesSlug(slug: string): boolean;
  /** Files claimed unparsed that share a slug with another: read them again for locateSlug. */
  unlocatedSlugs(): SourceFileName[];
  /** Finds the line of the slug in a file claimed unparsed, for the message about its duplicate. */
  locateSlug(file: SourceFile): void;
  /** Checks a file again (re-read before writing): problems are not recorded, the article comes back or not. */
  recheck(file: SourceFile): ValidArticle | undefined;
  /**
   * Adds what only the whole folder shows (a slug in two files) and returns every problem, in file
   * order; the slug index is then dropped (recheck still works, but no file is claimed after this).
   */
  finish(): Problem[];
}

export function createContentChecker(
  folder: Pick<ContentFiles, 'dir' | 'sections' | 'authors'>,
  options: ValidateOptions,
): ContentChecker {
  const problems: Problem[] = [];
  const sections = validateList({
    dir: folder.dir,
    file: folder.sections,
    name: SECTIONS_FILE,
    schema: sectionsSchema,
    known: KNOWN_FIELDS.section,
    required: true,
    problems,
  });
  const authors = validateList({
    dir: folder.dir,
    file: folder.authors,
    name: AUTHORS_FILE,
    schema: authorsSchema,
    known: KNOWN_FIELDS.author,
    required: false,
    problems,
  });
  const sectionSlugs = sections && new Set(sections.map((section) => section.slug));
  const authorSlugs = authors && new Set(authors.map((author) => author.slug));
  const context: ArticleContext = { ...options, schema: articleSchema(options.timeZone), sectionSlugs, authorSlugs };
  let slugs = new SlugIndex();
  return {
    lists: { sections: sections ?? [], authors: authors ?? [] },
    sectionSlugs,
    authorSlugs,
    check(file, parsed) {
      const checked = validateArticle(file, context, problems, parsed);
      if (checked.slug !== undefined) slugs.claim(checked.slug, { file: file.display, line: checked.slugLine });
      return checked.article;
    },
    claimSlug(file, slug) {
      // The listing's own object, never the file read (its text would stay in memory).
      slugs.claimUnparsed(slug, file);
    },
    sharesSlug(slug) {
      return slugs.isShared(slug);
    },
    unlocatedSlugs() {
      return slugs
        .unlocated()
        .flatMap((holder) => (holder.unparsed ? [{ display: holder.file, relative: holder.unparsed }] : []));
    },
    locateSlug(file) {
      const line = validateArticle(file, context, []).slugLine;
      for (const holder of slugs.unlocated()) if (holder.unparsed === file.relative) holder.line = line;
    },
    recheck(file) {
      return validateArticle(file, context, []).article;
    },
    finish() {
      problems.push(...slugs.duplicates());
      // The slug index is not needed any more: let it go before the seed's write (a large
      // archive's index would otherwise outlive every file's check).
      slugs = new SlugIndex();
      // Read top to bottom, file by file, as an editor fixes them.
      return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    },
  };
}

interface SlugHolder {
  file: string;
  line?: number;
  /** The file's path in the content folder, when it was taken as valid without parsing. */
  unparsed?: string;
}

function holderOf(held: SlugHolder | SourceFileName): SlugHolder {
  return 'display' in held ? { file: held.display, unparsed: held.relative } : held;
}

/**
 * Every article slug with the file holding it, however large the archive. A file taken unparsed is
 * held by its listing's name object itself (no object of its own) until its slug turns out shared.
 */
class SlugIndex {
  private readonly first = new Map<string, SlugHolder | SourceFileName>();
  private readonly shared = new Map<string, SlugHolder[]>();

  claim(slug: string, holder: SlugHolder): void {
    const first = this.first.get(slug);
    if (!first) this.first.set(slug, holder);
    else this.shared.set(slug, [...(this.shared.get(slug) ?? [holderOf(first)]), holder]);
  }

  claimUnparsed(slug: string, name: SourceFileName): void {
    if (this.first.has(slug)) this.claim(slug, holderOf(name));
    else this.first.set(slug, name);
  }

  isShared(slug: string): boolean {
    return this.shared.has(slug);
  }

  /** Holders of a shared slug whose line is not known yet. */
  unlocated(): SlugHolder[] {
    return [...this.shared.values()].flat().filter((holder) => holder.unparsed && holder.line === undefined);
  }

  duplicates(): Problem[] {
    const problems: Problem[] = [];
    for (const [slug, sharing] of this.shared) {
      for (const holder of sharing) {
        const others = sharing.filter((other) => other !== holder).map((other) => other.file);
        problems.push({
          file: holder.file,
          field: 'slug',
          line: holder.line,
          found: JSON.stringify(slug),
          expected: `a slug no other article uses (also used by ${others.join(', ')})`,
        });
      }
    }
    return problems;
  }
}

interface ListOptions<T extends z.ZodType<{ slug: string }[]>> {
  /** The content folder, to name a missing file. */
  dir: string;
  file: SourceFile | undefined;
  /** The file's name in the content folder, e.g. sections.yaml. */
  name: string;
  schema: T;
  /** Field names an entry may have, for "did you mean" suggestions. */
  known: Known;
  /** Whether a missing file is a problem, or an empty list. */
  required: boolean;
  problems: Problem[];
}

/** Checks sections.yaml or authors.yaml: the schema, then that no slug is listed twice. */
function validateList<T extends z.ZodType<{ slug: string }[]>>(options: ListOptions<T>): z.output<T> | undefined {
  const { file, name, problems } = options;
  if (!file) {
    if (!options.required) return [] as unknown as z.output<T>;
    problems.push({
      file: displayPath(path.join(options.dir, name)),
      found: 'no such file',
      expected: `${name}, the list every article refers to (see docs/editing.md)`,
    });
    return undefined;
  }
  const parsed = parseYaml(file.text, file.display, 0, problems);
  if (!parsed) return undefined;
  const result = options.schema.safeParse(parsed.value ?? []);
  if (!result.success) problems.push(...zodProblems(result.error, file.display, parsed, () => options.known));
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
  schema: ReturnType<typeof articleSchema>;
  /** Undefined when sections.yaml is itself broken: references to it are then not checked. */
  sectionSlugs?: Set<string>;
  authorSlugs?: Set<string>;
}

/** Reports one problem at a field of the front matter, with the line it is on. */
type ReportAt = (field: PropertyKey[], found: unknown, expected: string) => void;

/** The front matter as written, before the schema: the checks below look at what the editor wrote. */
type RawFields = Record<string, unknown>;

interface CheckedArticle {
  /** Present only when the file has no problem at all. */
  article?: ValidArticle;
  /** The slug as written, for the duplicate check across files, even when the file has problems. */
  slug?: string;
  slugLine?: number;
}

/**
 * Checks one article file: its name, front matter (schema, references to sections and authors,
 * tags, a local lead image) and text. Every problem is pushed to `problems`; the article comes back
 * only when there are none.
 */
function validateArticle(
  file: SourceFile,
  context: ArticleContext,
  problems: Problem[],
  parsedFile: ParsedArticleFile = parseArticleFile(file),
): CheckedArticle {
  const before = problems.length;
  const key = path.posix.basename(file.relative, '.md');
  checkFileName(file, key, problems);
  const frontMatter = readFrontMatter(file, parsedFile, context.schema, problems);
  if (!frontMatter) return {};
  const { parsed, raw, result, body } = frontMatter;
  const at: ReportAt = (field, found, expected) =>
    problems.push({
      file: file.display,
      field: fieldPath(field),
      line: parsed.lineOf(field),
      found: describeFound(found),
      expected,
    });
  checkPublication(file, raw, body, at, problems);
  checkReferences(raw, context, at);
  checkTags(raw, at);
  const localSize = checkLocalImage(raw, context.publicDir, at);

  const slug = typeof raw.slug === 'string' ? { slug: detach(raw.slug), slugLine: parsed.lineOf(['slug']) } : {};
  if (!result.success || problems.length > before) return slug;
  const dateOnly = typeof raw.publishedAt === 'string' && isDateOnly(raw.publishedAt);
  const source = toArticleSource(file, key, result.data, body, localSize, dateOnly);
  return { ...slug, article: { ...source, contentHash: hashArticle(source), file: file.display } };
}

function checkFileName(file: SourceFile, key: string, problems: Problem[]): void {
  if (isSlug(key)) return;
  problems.push({
    file: file.display,
    field: '(file name)',
    found: JSON.stringify(`${key}.md`),
    expected: `a file name made of lowercase letters, digits and hyphens, e.g. "${slugify(key) || 'my-article'}.md"`,
  });
}

/** Splits the file, parses its YAML and runs the schema, reporting what each step finds wrong. */
function readFrontMatter(
  file: SourceFile,
  { split, parsed, problems: yamlProblems }: ParsedArticleFile,
  schema: ArticleContext['schema'],
  problems: Problem[],
) {
  if (!split) {
    problems.push({
      file: file.display,
      line: 1,
      found: 'no front matter',
      expected: 'the file to start with a line "---", the fields, then another line "---" before the text',
    });
    return undefined;
  }
  problems.push(...yamlProblems);
  if (!parsed) return undefined;
  const value = parsed.value ?? {};
  const result = schema.safeParse(value);
  if (!result.success) problems.push(...zodProblems(result.error, file.display, parsed, articleKnownFields));
  const raw: RawFields =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawFields) : {};
  const body = split.body.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  return { parsed, raw, result, body };
}

/** A published article needs a publication date and some text. */
function checkPublication(file: SourceFile, raw: RawFields, body: string, at: ReportAt, problems: Problem[]): void {
  if (raw.status !== 'published') return;
  if (raw.publishedAt == null) {
    at(['publishedAt'], raw.publishedAt, 'the publication date and time, required when status is published');
  }
  if (body === '') {
    problems.push({
      file: file.display,
      field: '(text)',
      found: 'no text after the front matter',
      expected: 'the article text, required when status is published',
    });
  }
}

/** The section and every author must be listed in sections.yaml and authors.yaml, each author once. */
function checkReferences(raw: RawFields, context: ArticleContext, at: ReportAt): void {
  const { sectionSlugs, authorSlugs } = context;
  if (typeof raw.section === 'string' && sectionSlugs && isSlug(raw.section) && !sectionSlugs.has(raw.section)) {
    at(['section'], raw.section, `one of the sections in ${SECTIONS_FILE}: ${[...sectionSlugs].join(', ')}`);
  }
  if (!Array.isArray(raw.authors) || !authorSlugs) return;
  const seen = new Set<unknown>();
  raw.authors.forEach((author: unknown, index) => {
    if (typeof author === 'string' && !authorSlugs.has(author)) {
      at(['authors', index], author, `an author listed in ${AUTHORS_FILE}${suggestion(author, [...authorSlugs])}`);
    } else if (seen.has(author)) {
      at(['authors', index], author, 'each author once');
    }
    seen.add(author);
  });
}

function checkTags(raw: RawFields, at: ReportAt): void {
  if (!Array.isArray(raw.tags)) return;
  raw.tags.forEach((tag: unknown, index) => {
    if (typeof tag === 'string' && tag.trim() && !slugify(tag)) {
      at(['tags', index], tag, 'a tag with at least one letter or digit');
    }
  });
}

/** A lead image in public/ must exist and be an image; its pixel size is returned. */
function checkLocalImage(raw: RawFields, publicDir: string, at: ReportAt): { width: number; height: number } | null {
  const image = raw.image as Record<string, unknown> | undefined;
  if (!image || typeof image.src !== 'string' || !image.src.startsWith('/') || image.src.split('/').includes('..')) {
    return null;
  }
  const imageFile = path.join(publicDir, image.src);
  if (!existsSync(imageFile)) {
    at(['image', 'src'], image.src, `an image file that exists in ${displayPath(publicDir)}/`);
    return null;
  }
  const size = readImageSize(imageFile);
  if (!size) at(['image', 'src'], image.src, 'an image file a browser can show (JPEG, PNG, WebP, GIF, AVIF or SVG)');
  return size;
}

/** The schema's output in the shape the seed stores, with defaults and derived values filled in. */
function toArticleSource(
  file: SourceFile,
  key: string,
  data: ArticleFrontMatter,
  body: string,
  localSize: { width: number; height: number } | null,
  publishedDateOnly: boolean,
): ArticleSource {
  return {
    key,
    sourcePath: file.relative,
    slug: detach(data.slug),
    headline: data.headline,
    standfirst: data.standfirst ?? null,
    section: data.section,
    authors: data.authors,
    tags: uniqueTags(data.tags),
    status: data.status === 'published' ? 'PUBLISHED' : 'DRAFT',
    publishedAt: data.publishedAt ?? null,
    publishedDateOnly,
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
    minorChange: data.minorChange ?? false,
  };
}

/**
 * A copy of a string cut from a file's text that does not keep that text alive: V8 lets a substring
 * share the storage of the string it was cut from, so a slug kept for the whole run would otherwise
 * hold its entire file in memory.
 */
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
