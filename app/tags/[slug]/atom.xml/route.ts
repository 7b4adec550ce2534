import { listingFeedHandler } from '@/lib/site/feed-response';

export const GET = listingFeedHandler('tag', 'atom');
