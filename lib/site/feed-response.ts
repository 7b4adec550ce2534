import 'server-only';
import { getFeed } from '../data/distribution-reads';
import { isValidSlug } from '../slug';
import { buildFeed, FEED_CONTENT_TYPE } from './feeds';
import { site } from './identity';
import type { FeedFormat, FeedScope, ListingKind } from './paths';

// The one handler behind every feed route (app/**/feed.xml, app/**/atom.xml).

export async function feedResponse(scope: FeedScope, format: FeedFormat): Promise<Response> {
  if (scope.kind !== 'site' && !isValidSlug(scope.slug)) return notFound();
  const feed = await getFeed(scope);
  if (!feed) return notFound();
  return new Response(buildFeed(format, feed.channel, feed.articles, site, new Date()), {
    headers: { 'Content-Type': FEED_CONTENT_TYPE[format] },
  });
}

type ListingContext = { params: Promise<{ slug: string }> };

/** GET for app/{sections,tags,authors}/[slug]/{feed,atom}.xml/route.ts. */
export function listingFeedHandler(kind: ListingKind, format: FeedFormat) {
  return async (_request: Request, { params }: ListingContext) =>
    feedResponse({ kind, slug: (await params).slug }, format);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
