import { site } from '@/lib/site/identity';
import { shareCardResponse } from '@/lib/site/share-card';

// The site's share image, for pages without one of their own.
export const dynamic = 'force-static';

export function GET() {
  return shareCardResponse({ siteName: site.name, kicker: 'News', title: site.description });
}
