import { childSitemapResponse } from '@/lib/site/sitemap-response';

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return childSitemapResponse((await params).file);
}
