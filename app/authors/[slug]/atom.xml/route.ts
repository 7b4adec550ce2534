import { listingFeedHandler } from '@/lib/site/feed-response';

// Built on first request for each address, then served from cache until the content changes
// (decision 003); unknown ones answer 404 and are never stored.
export const dynamic = 'force-static';
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export const GET = listingFeedHandler('author', 'atom');
