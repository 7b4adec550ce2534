import { getArticle } from '@/lib/data/article';
import { site } from '@/lib/site/identity';
import { shareCardResponse } from '@/lib/site/share-card';
import { isValidSlug } from '@/lib/slug';

// The share image of an article without a lead image: its headline on the site's card. Drawn once,
// then served from cache until the content changes.
export const dynamic = 'force-static';
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const article = isValidSlug(slug) ? await getArticle(slug) : null;
  if (!article)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return shareCardResponse({ siteName: site.name, kicker: article.section.name, title: article.headline });
}
