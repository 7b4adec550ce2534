import 'server-only';
import { getRecentCorrections } from '../data/history';
import { buildCorrectionsFeed, CORRECTIONS_FEED_SIZE } from './corrections-feed';
import { FEED_CONTENT_TYPE } from './feeds';
import { site } from './identity';
import type { FeedFormat } from './paths';

// The handler behind app/corrections/{feed,atom}.xml.
export async function correctionsFeedResponse(format: FeedFormat): Promise<Response> {
  const entries = await getRecentCorrections(CORRECTIONS_FEED_SIZE);
  return new Response(buildCorrectionsFeed(format, entries, site, new Date()), {
    headers: { 'Content-Type': FEED_CONTENT_TYPE[format] },
  });
}
