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
 * What the seed keeps of each valid article file between checking and writing: enough to plan and
 * to find the file again, never its text, so that a large archive fits in memory.
 */
export interface ArticleSummary {
  key: string;
  /** The file as shown to editors, for messages. */
  file: string;
  sourcePath: string;
  slug: string;
  status: ArticleStatusValue;
  publishedAt: Date | null;
  contentHash: string;
  sourceHash: string;
  /** The editor marked the change minor (see ArticleSource); false for a file read from the store. */
  minorChange: boolean;
  /** hashEditorial of the file's article; empty for a file read from the store (never an update). */
  editorialHash: string;
  /**
   * True when the file's bytes are those of the stored article, so it was not parsed: its fields
   * here are the stored row's.
   */
  fromStore: boolean;
}

/** The stored article a file is compared with: one row per article, read once per run. */
export interface ExistingArticle {
  id: number;
  key: string;
  slug: string;
  /** For the lint's duplicate-headline rule, which an unchanged (unparsed) file still takes part in. */
  headline: string;
  contentHash: string;
  sourceHash: string | null;
  status: 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';
  publishedAt: Date | null;
  sectionId: number;
  /** Whether its lead image is a file in public/, which may change without its article file. */
  localImage: boolean;
}

/** A file with no stored article yet. */
export interface ArticleCreate {
  kind: 'create';
  article: ArticleSummary;
  updatedAt: Date;
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
  updates: ArticleUpdate[];
  unchanged: number;
  /** Unchanged articles whose file's bytes changed (e.g. reformatted): only sourceHash is stored. */
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
