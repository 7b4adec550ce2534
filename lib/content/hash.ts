import { createHash } from 'node:crypto';
import { RENDER_VERSION } from './markdown';
import type { ArticleSource } from './validate';

/**
 * sha256 of everything the seed derives an article from, in a fixed order. Equal hashes mean the
 * stored article is already what the file says, so a re-run writes nothing for it.
 */
export function hashArticle(article: ArticleSource): string {
  const canonical = [
    RENDER_VERSION,
    article.key,
    article.sourcePath,
    article.slug,
    article.headline,
    article.standfirst,
    article.section,
    article.authors,
    article.tags.map((tag) => [tag.slug, tag.name]),
    article.status,
    article.publishedAt?.toISOString() ?? null,
    article.publishedDateOnly,
    article.image && [
      article.image.src,
      article.image.alt,
      article.image.caption,
      article.image.credit,
      article.image.width,
      article.image.height,
    ],
    article.corrections.map((correction) => [correction.date.toISOString(), correction.kind, correction.text]),
    article.body,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
