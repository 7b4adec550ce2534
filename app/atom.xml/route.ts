import { feedResponse } from '@/lib/site/feed-response';

// Built on first request, then served from cache until the content changes (decision 003).
export const dynamic = 'force-static';

export function GET() {
  return feedResponse({ kind: 'site' }, 'atom');
}
