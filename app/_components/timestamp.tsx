import { requestTime } from '@/app/_lib/request-time';
import { formatDate, formatDateTime, formatRecent } from '@/lib/format';
import { calendarDate } from '@/lib/site/dates';

/**
 * A moment as readers see it: date and time in the newsroom's time zone, and for recent ones how
 * long ago. A server component rendered on every request (pages read the clock for scheduling),
 * so "3 hours ago" is never hydrated in a browser nor frozen in a cache.
 *
 * `dateOnly`: the editor gave a day, not a time. Readers see the day alone (in the markup too), and
 * no "hours ago" counted from a midnight nobody chose.
 */
export function Timestamp({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  if (dateOnly) return <time dateTime={calendarDate(iso)}>{formatDate(iso)}</time>;
  const recent = formatRecent(iso, requestTime());
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
      {recent && <span className="timestamp__recent"> ({recent})</span>}
    </>
  );
}
