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
  bodyHtml: string;
  bodyText: string;
  wordCount: number;
  tags: TagRef[];
  corrections: CorrectionNote[];
}
