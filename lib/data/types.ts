// What pages receive from the data layer: plain, serialisable values (dates as ISO strings), so the
// same objects survive Next's data cache and reach client components unchanged.

export interface SectionRef {
  slug: string;
  name: string;
}

export interface AuthorRef {
  slug: string;
  name: string;
}

export interface TagRef {
  slug: string;
  name: string;
}

export interface LeadImage {
  src: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}

export interface ArticleSummary {
  slug: string;
  headline: string;
  standfirst: string | null;
  publishedAt: string;
  /** The file gave only a date: show the day, never a time (lib/site/dates.ts). */
  publishedDateOnly: boolean;
  updatedAt: string;
  section: SectionRef;
  authors: AuthorRef[];
  image: LeadImage | null;
}

export type CorrectionKind = 'CORRECTION' | 'UPDATE' | 'CLARIFICATION';

export interface CorrectionNote {
  date: string;
  kind: CorrectionKind;
  text: string;
}

export interface ArticleDetail extends ArticleSummary {
  /** The article's stable identity (its content file's name): unchanged when the slug changes. */
  key: string;
  bodyHtml: string;
  bodyText: string;
  wordCount: number;
  tags: TagRef[];
  corrections: CorrectionNote[];
}

export interface SectionProfile extends SectionRef {
  description: string | null;
}

export interface AuthorProfile extends AuthorRef {
  role: string | null;
  bio: string | null;
}

/** One page of a list, and how many pages the whole list has (at least 1, even when empty). */
export interface ListPage<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

/** A section on the front page with its newest stories. */
export interface SectionFront {
  section: SectionRef;
  articles: ArticleSummary[];
}

/**
 * Text from the search index cut into plain pieces, the words that matched the query marked.
 * Pages render the pieces as text (React escapes them), so no stored text ever becomes markup.
 */
export type HighlightedText = { text: string; match: boolean }[];
