import { feedResponse } from '@/lib/site/feed-response';

export function GET() {
  return feedResponse({ kind: 'site' }, 'atom');
}
