import type { Prisma } from '../generated/prisma/client';
import type { RenderedMarkdown } from './markdown';
import type { AuthorInput, SectionInput } from './schema';

// The seed's own types, in one module that imports no other part of the seed, so that reading,
// validating, planning, writing and reporting can all share them without importing each other.

/** A transaction (or the client itself) the seed reads and writes through. */
export type Tx = Prisma.TransactionClient;

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
  /**
   * The editor marked this change as minor: shown in the history, no "Updated" line. Not part of the
   * content hash, so setting or clearing the flag alone makes no new version.
   */
  minorChange: boolean;
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

/**
 * What the seed keeps of each new or changed article file between checking and writing: enough to
 * plan and to find the file again, never its text, so that a large archive fits in memory. Kept
 * compact (hashes as bytes, the date as a number, the listing's own name object): an archive's
 * worth of these is what the seed's memory grows with. An unchanged file has none (see Plan).
 */
export interface ArticleSummary {
  key: string;
  /** The file as listed: shown to editors (display) and found again (relative). */
  name: SourceName;
  slug: string;
  status: ArticleStatusValue;
  /** Milliseconds since 1970, as Date.getTime(); null when there is none. */
  publishedAt: number | null;
  /** CompactHash (lib/content/hash.ts) of the file's contentHash. */
  contentHash: string;
  /** CompactHash of the file's bytes (hashSource). */
  sourceHash: string;
  /** The editor marked the change minor (see ArticleSource). */
  minorChange: boolean;
  /** CompactHash of hashEditorial of the file's article. */
  editorialHash: string;
  /**
   * A new article written while the files were still being checked (one read, parse and render,
   * inside the seed's transaction): the plan then only counts it (Plan.written).
   */
  written: boolean;
}

/** A file of the content folder by name (lib/content/files.ts SourceFileName). */
export interface SourceName {
  display: string;
  relative: string;
}

/**
 * Files whose bytes are those of a stored article, so they were neither parsed nor summarised: the
 * listing's name and the stored row, side by side (two arrays, not an object a file).
 */
export interface UnchangedFiles {
  names: SourceName[];
  rows: ExistingArticle[];
}

/**
 * The stored article a file is compared with: one row per article, read once per run, kept compact
 * like ArticleSummary (hashes as CompactHash, the date as milliseconds).
 */
export interface ExistingArticle {
  id: number;
  key: string;
  slug: string;
  /** For the lint's duplicate-headline rule, which an unchanged (unparsed) file still takes part in. */
  headline: string;
  contentHash: string;
  sourceHash: string | null;
  status: 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';
  publishedAt: number | null;
  sectionId: number;
  /** Whether its lead image is a file in public/, which may change without its article file. */
  localImage: boolean;
}

/** A file with no stored article yet. */
export interface ArticleCreate {
  kind: 'create';
  article: ArticleSummary;
  // Its update time is its publication time, else the seed's: worked out when it is written, so the
  // plan of a large first import holds no Date an article.
}

/** A file whose stored article differs from it (content, status, or a restored file). */
export interface ArticleUpdate {
  kind: 'update';
  article: ArticleSummary;
  existing: ExistingArticle;
  /** Undefined keeps the stored value (an article restored unchanged). */
  updatedAt: Date | undefined;
}

export type ArticleChange = ArticleCreate | ArticleUpdate;

/** A planned change with its file read, checked and rendered again, just before it is written. */
export interface LoadedChange {
  change: ArticleChange;
  article: ValidArticle;
  rendered: RenderedMarkdown;
}

/** What a seed run will do, worked out before any write. */
export interface Plan {
  creates: ArticleCreate[];
  /**
   * New articles already written during the check (see ArticleSummary.written): counted only, no
   * summary kept, so a first import's memory does not grow by a summary an article.
   */
  written: number;
  updates: ArticleUpdate[];
  unchanged: number;
  /** Unchanged articles whose file's bytes changed (e.g. reformatted): only sourceHash (compact) is stored. */
  rehashed: { id: number; sourceHash: string }[];
  unpublish: ExistingArticle[];
  /** Old slug → id of the article it now leads to. */
  redirects: { fromSlug: string; articleId: number; toSlug: string }[];
}

export interface WriteCounts {
  sections: { created: number; updated: number };
  authors: { created: number; updated: number };
  tags: { created: number };
}
