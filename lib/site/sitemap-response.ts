import 'server-only';
import { getNewsArticles, getSitemapData } from '../data/distribution-reads';
import { site } from './identity';
import { newsSitemapXml } from './news-sitemap';
import { childSitemapXml, rootSitemapXml, SITEMAP_CONTENT_TYPE, sitemapEntries, type SitemapEntry } from './sitemap';

// The handlers behind /sitemap.xml, /sitemaps/{n}.xml and /news-sitemap.xml. Each builds from the
// rows and the time it is built; the routes' responses are cached (decision 003).

async function entries(now: Date): Promise<SitemapEntry[]> {
  const data = await getSitemapData();
  return sitemapEntries(data.articles, data.sectionSlugs, now);
}

export async function rootSitemapResponse(): Promise<Response> {
  const now = new Date();
  return xml(rootSitemapXml(await entries(now), site));
}

/** `file` is the last path segment, e.g. "2.xml". */
export async function childSitemapResponse(file: string): Promise<Response> {
  const match = /^([1-9]\d{0,5})\.xml$/.exec(file);
  const now = new Date();
  const body = match ? childSitemapXml(await entries(now), Number(match[1]), site) : null;
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
