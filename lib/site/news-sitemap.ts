import type { ArticleSummary } from '../data/types';
import { absoluteUrl, type SiteIdentity } from './identity';
import { publishedText } from './dates';
import { paths } from './paths';
import { escapeXml, XML_DECLARATION } from './xml';

// The Google News sitemap: articles published in the last 48 hours, at most 1,000 of them.
// The window is closed at both ends: an article published exactly 48 hours ago is still listed, one
// published a millisecond earlier is not, and nothing after "now" (a scheduled article) ever is.

export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_SITEMAP_LIMIT = 1000;

export function newsWindowStart(now: Date): Date {
  return new Date(now.getTime() - NEWS_WINDOW_MS);
}

export function isInNewsWindow(publishedAt: string, now: Date): boolean {
  const time = Date.parse(publishedAt);
  return time >= newsWindowStart(now).getTime() && time <= now.getTime();
}

/** Google wants an ISO 639 code, except for Chinese, where it wants zh-cn or zh-tw. */
export function newsLanguage(language: string): string {
  const lower = language.toLowerCase();
  if (lower === 'zh-cn' || lower === 'zh-tw') return lower;
  return lower.split('-')[0] ?? lower;
}

export function newsSitemapXml(articles: ArticleSummary[], site: SiteIdentity, now: Date): string {
  const recent = articles
    .filter((article) => isInNewsWindow(article.publishedAt, now))
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
    .slice(0, NEWS_SITEMAP_LIMIT);
  const publication = `<news:publication><news:name>${escapeXml(site.name)}</news:name><news:language>${escapeXml(newsLanguage(site.language))}</news:language></news:publication>`;
  const urls = recent.map(
    (article) =>
      `<url><loc>${escapeXml(absoluteUrl(paths.article(article.slug), site.url))}</loc><news:news>${publication}` +
      `<news:publication_date>${escapeXml(publishedText(article))}</news:publication_date>` +
      `<news:title>${escapeXml(article.headline)}</news:title></news:news></url>`,
  );
  return (
    `${XML_DECLARATION}\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
    `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`
  );
}
