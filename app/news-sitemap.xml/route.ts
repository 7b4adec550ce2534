import { newsSitemapResponse } from '@/lib/site/sitemap-response';

export function GET() {
  return newsSitemapResponse();
}
