import { env } from './env';

// Dates are formatted on the server in the newsroom's time zone, so every reader sees the same
// dateline and the HTML does not change between server and browser.

const dateTimeFormat = new Intl.DateTimeFormat(env.SITE_LANGUAGE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: env.SITE_TIMEZONE,
  timeZoneName: 'short',
});

const dateFormat = new Intl.DateTimeFormat(env.SITE_LANGUAGE, { dateStyle: 'long', timeZone: env.SITE_TIMEZONE });

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const relativeFormat = new Intl.RelativeTimeFormat(env.SITE_LANGUAGE, { numeric: 'always' });

/**
 * "5 minutes ago" or "3 hours ago" for a time within the last day, null otherwise: older times read
 * better as dates. Called while rendering a request, so a cached page never shows a stale one.
 */
export function formatRecent(iso: string, now: number): string | null {
  const elapsed = now - Date.parse(iso);
  if (elapsed < 0 || elapsed >= DAY) return null;
  if (elapsed < HOUR) return relativeFormat.format(-Math.max(1, Math.floor(elapsed / MINUTE)), 'minute');
  return relativeFormat.format(-Math.floor(elapsed / HOUR), 'hour');
}

// A common estimate of adult reading speed for news prose.
const WORDS_PER_MINUTE = 230;

export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
