import { childSitemapResponse } from '@/lib/site/sitemap-response';

// Built on first request for each address, then served from cache until the content changes
// (decision 003); unknown ones answer 404 and are never stored.
export const dynamic = 'force-static';
export const dynamicParams = true;
export function generateStaticParams(): { file: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return childSitemapResponse((await params).file);
}
