import { rootSitemapResponse } from '@/lib/site/sitemap-response';

// Read when asked, never at build time: a route handler with no request-time API would otherwise be
// prerendered once, and the sitemap would keep listing the archive as it was at the build.
export const dynamic = 'force-dynamic';

export function GET() {
  return rootSitemapResponse();
}
