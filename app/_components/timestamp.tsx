import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { TimeAgo } from './time-ago';

/**
 * A moment as readers see it: date and time in the newsroom's time zone, rendered on the server (so
 * a cached page shows it to every reader and to crawlers), and for recent ones how long ago,
 * worked out in the browser.
 */
export function Timestamp({ iso }: { iso: string }) {
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
      <TimeAgo iso={iso} language={env.SITE_LANGUAGE} />
    </>
  );
}
