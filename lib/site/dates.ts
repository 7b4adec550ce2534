// The dates an article shows are decided here, once: the dateline, the JSON-LD, the feeds and the
// sitemaps all ask these functions, so they cannot disagree about when an article last changed.

// A re-seed that only re-saved the file within the first minute after publication is not news.
export const UPDATE_THRESHOLD_MS = 60_000;

interface Dated {
  publishedAt: string;
  updatedAt: string;
}

/** Whether readers are told the article was updated after publication. */
export function wasUpdated({ publishedAt, updatedAt }: Dated): boolean {
  return Date.parse(updatedAt) - Date.parse(publishedAt) > UPDATE_THRESHOLD_MS;
}

/**
 * When the article last changed, as the page shows it: the update time when there was a real update,
 * otherwise the publication time (a scheduled article written earlier changes when it appears).
 */
export function modifiedAt(article: Dated): string {
  return wasUpdated(article) ? article.updatedAt : article.publishedAt;
}

/** The latest of some ISO dates, or null for none. */
export function latest(dates: Iterable<string>): string | null {
  let max: string | null = null;
  for (const date of dates) if (max === null || Date.parse(date) > Date.parse(max)) max = date;
  return max;
}
