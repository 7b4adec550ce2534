import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/site/identity';
import { paths } from '@/lib/site/paths';

// Rendered per request: SITE_URL is read when the server starts, and a build may be reused on
// another address (the end-to-end runs use a fresh port each time).
export const dynamic = 'force-dynamic';

// Everything public may be crawled; pages that are not content (search results, errors) say
// "noindex" themselves, which a crawler can only read if it is allowed to fetch them.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: '/api/' },
    sitemap: [absoluteUrl(paths.sitemap), absoluteUrl(paths.newsSitemap)],
  };
}
