import { rootSitemapResponse } from '@/lib/site/sitemap-response';

export function GET() {
  return rootSitemapResponse();
}
