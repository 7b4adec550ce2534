import { newsSitemapResponse } from '@/lib/site/sitemap-response';

// Cached like the other sitemaps, and rebuilt at least hourly as well: stories leave its 48-hour
// window by the clock alone, with no change to the content.
export const dynamic = 'force-static';
export const revalidate = 3600;

export function GET() {
  return newsSitemapResponse();
}
