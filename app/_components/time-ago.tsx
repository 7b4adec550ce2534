/**
 * Where " (3 hours ago)" goes after a server-rendered date. It is worked out in the reader's browser
 * by the page's one small inline script (./time-ago-script.tsx), not by a client component: the
 * server renders the slot empty, so a cached page is never frozen at the time it was rendered, and
 * without JavaScript the absolute date alone is shown. Pages are not hydrated (decision 007); where
 * React still hydrates (error pages) suppressHydrationWarning lets the script fill the slot first.
 */
export function TimeAgo({ iso }: { iso: string }) {
  return (
    <span data-time-ago={iso} suppressHydrationWarning>
      {''}
    </span>
  );
}
