import type { ArticleSummary } from '../data/types';
import { absoluteUrl, type SiteIdentity } from './identity';
import { paths } from './paths';

// The picture that stands for an article wherever it is shared or listed: its lead image, or the
// generated card with its headline when it has none. Open Graph, Twitter and JSON-LD all use this.

export const CARD_SIZE = { width: 1200, height: 630 } as const;

export interface ShareImage {
  url: string;
  width: number | undefined;
  height: number | undefined;
  alt: string;
}

export function articleShareImage(article: ArticleSummary, site: SiteIdentity): ShareImage {
  if (article.image) {
    return {
      url: absoluteUrl(article.image.src, site.url),
      width: article.image.width ?? undefined,
      height: article.image.height ?? undefined,
      alt: article.image.alt,
    };
  }
  return { url: absoluteUrl(paths.articleCard(article.slug), site.url), ...CARD_SIZE, alt: article.headline };
}

export function siteShareImage(site: SiteIdentity): ShareImage {
  return { url: absoluteUrl(paths.siteCard, site.url), ...CARD_SIZE, alt: site.name };
}
