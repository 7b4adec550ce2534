import { correctionsFeedResponse } from '@/lib/site/corrections-feed-response';

export function GET() {
  return correctionsFeedResponse('rss');
}
