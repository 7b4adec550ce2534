import { createHash } from 'node:crypto';
import { RENDER_VERSION } from './markdown';
import type { ArticleSource } from './types';

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

/**
 * Bump when the seed would derive something different from the same bytes (a new field, another
 * check, another normalisation): every file is then parsed again once, and only articles whose
 * contentHash really moves are updated.
 */
export const SOURCE_VERSION = 1;

/**
 * sha256 of a file's bytes and of what the seed reads them with (where it lives, the time zone for
 * dates without an offset, the renderer and this seed's version). Equal to the stored sourceHash,
 * the file needs no parsing: a re-run over an unchanged archive costs one read and one hash a file.
 */
export function hashSource(text: string, sourcePath: string, timeZone: string): string {
  return createHash('sha256')
    .update(JSON.stringify([SOURCE_VERSION, RENDER_VERSION, timeZone, sourcePath]))
    .update('\n')
    .update(text)
    .digest('hex');
}
