import { logoResponse } from '@/lib/site/share-card';

// The raster logo (structured data and feeds want a bitmap), drawn from public/logo.svg.
export const dynamic = 'force-static';

export function GET() {
  return logoResponse();
}
