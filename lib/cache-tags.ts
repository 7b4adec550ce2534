// Cache tags shared by the data layer (which tags what it reads) and the seed (which asks a running
// site to revalidate them after a write). One name for everything article-shaped keeps it simple:
// a seed run touches lists, pages and feeds at once, so finer tags would buy nothing.
export const TAGS = {
  content: 'content',
} as const;

export type CacheTag = (typeof TAGS)[keyof typeof TAGS];
