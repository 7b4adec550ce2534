import { formatEditorDate } from '../content/dates';
import { env } from '../env';

// The dates an article shows are decided here, once: the dateline, the JSON-LD, the feeds and the
// sitemaps all ask these functions, so they cannot disagree about when an article last changed.

// A re-seed that only re-saved the file within the first minute after publication is not news.
export const UPDATE_THRESHOLD_MS = 60_000;

interface Dated {
  publishedAt: string;
  /** The file gave only a date; publishedAt is then that day's midnight in the newsroom's zone. */
  publishedDateOnly?: boolean;
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

/** The calendar day of an instant in the newsroom's time zone, as ISO 8601 ("2025-07-03"). */
export function calendarDate(iso: string, timeZone = env.SITE_TIMEZONE): string {
  return formatEditorDate(new Date(iso), timeZone);
}

/**
 * The publication date for formats that accept a date alone (JSON-LD, Open Graph, sitemaps, the
 * `<time datetime>` attribute): the day when the file gave no time, so no midnight is invented.
 * RSS and Atom require a time; they keep the instant, which falls on the same day in the newsroom.
 */
export function publishedText(article: Dated, timeZone?: string): string {
  return article.publishedDateOnly ? calendarDate(article.publishedAt, timeZone) : article.publishedAt;
}

/** modifiedAt, in the same terms as publishedText. */
export function modifiedText(article: Dated, timeZone?: string): string {
  return wasUpdated(article) ? article.updatedAt : publishedText(article, timeZone);
}
