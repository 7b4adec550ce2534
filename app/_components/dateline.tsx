import Link from 'next/link';
import { readingMinutes } from '@/lib/format';
import { wasUpdated } from '@/lib/site/dates';
import { Timestamp } from './timestamp';

// Whether an update is shown is decided by lib/site/dates.ts, which the JSON-LD, feeds and sitemaps
// also use, so they always agree with this dateline.

export function Dateline({
  publishedAt,
  publishedDateOnly,
  updatedAt,
  wordCount,
  historyHref,
}: {
  publishedAt: string;
  publishedDateOnly: boolean;
  updatedAt: string;
  wordCount: number;
  /** The article's history page, linked from "Updated …" (a minor change does not move updatedAt). */
  historyHref?: string;
}) {
  const updated = wasUpdated({ publishedAt, updatedAt });
  return (
    <p className="dateline">
      <Timestamp iso={publishedAt} dateOnly={publishedDateOnly} />
      {updated && (
        <>
          {' · '}
          <span className="dateline__updated">
            Updated <Timestamp iso={updatedAt} />
            {historyHref && (
              <>
                ,{' '}
                <Link href={historyHref} prefetch={false}>
                  see what changed
                </Link>
              </>
            )}
          </span>
        </>
      )}
      {' · '}
      <span className="dateline__reading">{readingMinutes(wordCount)} min read</span>
    </p>
  );
}
