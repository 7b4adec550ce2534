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

// A common estimate of adult reading speed for news prose.
const WORDS_PER_MINUTE = 230;

export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
