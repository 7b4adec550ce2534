import { formatDateTime } from '@/lib/format';

// An update shown to readers must be a real one: a re-seed that only re-saved the file within the
// first minute after publication is not news.
const UPDATE_THRESHOLD_MS = 60_000;

export function Dateline({ publishedAt, updatedAt }: { publishedAt: string; updatedAt: string }) {
  const updated = Date.parse(updatedAt) - Date.parse(publishedAt) > UPDATE_THRESHOLD_MS;
  return (
    <p className="dateline">
      <time dateTime={publishedAt}>{formatDateTime(publishedAt)}</time>
      {updated && (
        <>
          {' · '}
          <span className="dateline__updated">
            Updated <time dateTime={updatedAt}>{formatDateTime(updatedAt)}</time>
          </span>
        </>
      )}
    </p>
  );
}
