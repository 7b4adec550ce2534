// "5 minutes ago" in the reader's browser (app/_components/time-ago.tsx). No server import here:
// this module is bundled for the browser, so the language is passed in.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "5 minutes ago" or "3 hours ago" for a time within the last day, null otherwise: older times read
 * better as dates.
 */
export function formatRecent(iso: string, now: number, language: string): string | null {
  const elapsed = now - Date.parse(iso);
  if (elapsed < 0 || elapsed >= DAY) return null;
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  if (elapsed < HOUR) return relative.format(-Math.max(1, Math.floor(elapsed / MINUTE)), 'minute');
  return relative.format(-Math.floor(elapsed / HOUR), 'hour');
}
