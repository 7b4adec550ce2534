import 'server-only';
import { getNewsArticles } from '../data/distribution-reads';
import { getSitemapReader } from '../data/sitemap-reads';
import { site } from './identity';
import { newsSitemapXml } from './news-sitemap';
import { SITEMAP_CONTENT_TYPE } from './sitemap';
import { childSitemap, rootSitemap } from './sitemap-pages';

// The handlers behind /sitemap.xml, /sitemaps/{n}.xml and /news-sitemap.xml. Each reads with the
// request's own "now", which is what moves articles into the sitemaps and out of the news window.

export async function rootSitemapResponse(): Promise<Response> {
  return xml(await rootSitemap(getSitemapReader(), site));
}

/** `file` is the last path segment, e.g. "2.xml". */
export async function childSitemapResponse(file: string): Promise<Response> {
  const match = /^([1-9]\d{0,5})\.xml$/.exec(file);
  const body = match ? await childSitemap(getSitemapReader(), Number(match[1]), site) : null;
  return body
    ? xml(body)
    : new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function newsSitemapResponse(): Promise<Response> {
  return xml(newsSitemapXml(await getNewsArticles(), site, new Date()));
}

function xml(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': SITEMAP_CONTENT_TYPE } });
}
