import { requestTime } from '@/app/_lib/request-time';
import { formatDateTime, formatRecent } from '@/lib/format';

/**
 * A moment as readers see it: date and time in the newsroom's time zone, and for recent ones how
 * long ago. A server component rendered on every request (pages read the clock for scheduling),
 * so "3 hours ago" is never hydrated in a browser nor frozen in a cache.
 */
export function Timestamp({ iso }: { iso: string }) {
  const recent = formatRecent(iso, requestTime());
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
      {recent && <span className="timestamp__recent"> ({recent})</span>}
    </>
  );
}
