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
}: {
  publishedAt: string;
  publishedDateOnly: boolean;
  updatedAt: string;
  wordCount: number;
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
          </span>
        </>
      )}
      {' · '}
      <span className="dateline__reading">{readingMinutes(wordCount)} min read</span>
    </p>
  );
}
