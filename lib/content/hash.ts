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
 * dates without an offset, the renderer, this seed's version and the caller's salt: the lint rules), compact (see
 * CompactHash). Equal to the stored sourceHash, the file needs no parsing: a re-run over an unchanged archive costs one
 * read and one hash a file.
 */
export function hashSource(text: string | Uint8Array, sourcePath: string, timeZone: string, salt = ''): CompactHash {
  return createHash('sha256')
    .update(JSON.stringify([SOURCE_VERSION, RENDER_VERSION, timeZone, sourcePath, salt]))
    .update('\n')
    .update(text)
    .digest('binary'); // latin1: one character a byte
}

/**
 * A sha256 as its 32 bytes in a one-byte string (one character a byte), as the seed keeps hashes in
 * memory between its passes: 48 bytes of heap instead of the 80 of 64 hex digits, and for a file's
 * own hash no hex encoding at all. The database stores hex (hexHash on the way out).
 */
export type CompactHash = string;

export function compactHash(hex: string): CompactHash {
  return Buffer.from(hex, 'hex').toString('latin1');
}

export function hexHash(hash: CompactHash): string {
  return Buffer.from(hash, 'latin1').toString('hex');
}

/** What readers see of an article as a version of it: every field the history page compares. */
export interface EditorialVersion {
  slug: string;
  headline: string;
  standfirst: string | null;
  section: string;
  authors: string[];
  tagNames: string[];
  publishedAt: Date | null;
  image: { src: string; alt: string | null; caption: string | null; credit: string | null } | null;
  corrections: { date: Date; kind: string; text: string }[];
  body: string;
}

/**
 * sha256 of what readers see, and of nothing the seed derives (the rendering, a date-only flag, the
 * image's pixel size). Unlike contentHash it is worked out the same way from a file and from a
 * stored row, so the writer can tell a new version (kept as a Revision, dated "Updated") from an
 * article only rendered again after a renderer or seed upgrade, which readers must not see as a
 * change.
 */
export function hashEditorial(version: EditorialVersion): string {
  const canonical = [
    version.slug,
    version.headline,
    version.standfirst,
    version.section,
    version.authors,
    [...version.tagNames].sort(),
    version.publishedAt?.toISOString() ?? null,
    version.image && [version.image.src, version.image.alt, version.image.caption, version.image.credit],
    version.corrections.map((correction) => [correction.date.toISOString(), correction.kind, correction.text]),
    version.body,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
