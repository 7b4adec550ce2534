import { NextResponse, type NextRequest } from 'next/server';
import { parsePageNumber } from '@/lib/site/page-number';

// Later pages of section, tag and author lists are addressed as `?page=N` (the canonical URLs, kept
// for readers and crawlers), but a page that reads its query string cannot be cached by Next. So
// the query becomes a path segment here, `/sections/world?page=2` → `/sections/world/2`
// (app/{sections,tags,authors}/[slug]/[page]), and each page of each list is cached under a path of
// its own. The internal path itself is not an address of the site: asked for directly it answers
// 404, like a page number that is not one.
//
// The Content-Security-Policy is no longer set here: it needs no per-request nonce (server/csp.ts).

const LIST = /^\/(sections|tags|authors)\/([^/]+)$/;
const INTERNAL_PAGE = /^\/(sections|tags|authors)\/([^/]+)\/\d+$/;
/** No list has a page 0, so the [page] route answers it with the site's 404 page. */
const MISSING_PAGE = '0';

export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const internal = INTERNAL_PAGE.exec(pathname);
  if (internal) return rewriteTo(request, `/${internal[1]}/${internal[2]}/${MISSING_PAGE}`);
  const list = LIST.exec(pathname);
  if (!list || !searchParams.has('page')) return NextResponse.next();
  const values = searchParams.getAll('page');
  const page = values.length === 1 ? parsePageNumber(values[0] ?? '') : null;
  return rewriteTo(request, `/${list[1]}/${list[2]}/${page ?? MISSING_PAGE}`);
}

function rewriteTo(request: NextRequest, pathname: string): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  // Other parameters stay: the router's `_rsc` must reach Next, or it redirects to put it back.
  url.searchParams.delete('page');
  return NextResponse.rewrite(url);
}

// Prefetches and client navigations included: they must reach the same rewritten page.
export const config = {
  matcher: ['/sections/:path*', '/tags/:path*', '/authors/:path*'],
};
