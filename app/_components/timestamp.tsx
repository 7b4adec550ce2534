import { formatDate, formatDateTime } from '@/lib/format';
import { calendarDate } from '@/lib/site/dates';
import { TimeAgo } from './time-ago';

/**
 * A moment as readers see it: date and time in the newsroom's time zone, rendered on the server (so
 * a cached page shows it to every reader and to crawlers), and for recent ones how long ago,
 * worked out in the browser.
 *
 * `dateOnly`: the editor gave a day, not a time. Readers see the day alone (in the markup too), and
 * no "hours ago" counted from a midnight nobody chose.
 */
export function Timestamp({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  if (dateOnly) return <time dateTime={calendarDate(iso)}>{formatDate(iso)}</time>;
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
      <TimeAgo iso={iso} />
    </>
  );
}
