import { Feed } from 'feed';
import type { CorrectionEntry } from '../data/history-queries';
import type { CorrectionKind } from '../data/types';
import { latest } from './dates';
import { absoluteUrl, type SiteIdentity } from './identity';
import { type FeedFormat, paths } from './paths';
import { escapeXml } from './xml';

// RSS 2.0 and Atom 1.0 of the corrections page (/corrections), built with the `feed` library like
// the article feeds (feeds.ts). Pure: the caller passes the entries, the site and "now".

export const CORRECTIONS_FEED_SIZE = 50;

const KIND_WORD: Record<CorrectionKind, string> = {
  CORRECTION: 'Correction',
  UPDATE: 'Update',
  CLARIFICATION: 'Clarification',
};

/**
 * A correction's permanent id (RFC 4151 tag URI), from its article's key and its place in the
 * article's list: editors only add corrections at the end (docs/editing.md), so neither a slug
 * change nor a re-seed changes it. The year is part of the id: never change it.
 */
export function correctionEntryId(entry: Pick<CorrectionEntry, 'position' | 'article'>, site: SiteIdentity): string {
  return `tag:${new URL(site.url).hostname},2026:correction:${encodeURIComponent(entry.article.key)}:${entry.position + 1}`;
}

/** Where a correction is shown with the version of the article that made it. */
export function correctionHref(entry: Pick<CorrectionEntry, 'position' | 'article'>): string {
  return `${paths.articleHistory(entry.article.slug)}#correction-${entry.position + 1}`;
}

export function buildCorrectionsFeed(
  format: FeedFormat,
  entries: CorrectionEntry[],
  site: SiteIdentity,
  now: Date,
): string {
  const url = (path: string) => absoluteUrl(path, site.url);
  const updated = latest(entries.map((entry) => entry.date));
  const feed = new Feed({
    id: url(paths.corrections),
    title: `Corrections | ${site.name}`,
    description: `Corrections and clarifications to stories published by ${site.name}.`,
    link: url(paths.corrections),
    feedLinks: { rss: url(paths.correctionsFeed('rss')), atom: url(paths.correctionsFeed('atom')) },
    language: site.language,
    image: url(site.logo.path),
    updated: updated ? new Date(updated) : now,
    copyright: `© ${now.getUTCFullYear()} ${site.name}`,
    author: { name: site.name, link: site.url },
    generator: false,
  });
  for (const entry of entries) {
    const title = `${KIND_WORD[entry.kind]}: ${entry.article.headline}`;
    feed.addItem({
      id: correctionEntryId(entry, site),
      // Atom titles are type="html", so text is escaped there; RSS titles are plain text.
      title: format === 'atom' ? escapeXml(title) : title,
      link: url(correctionHref(entry)),
      date: new Date(entry.date),
      published: new Date(entry.date),
      description: escapeXml(entry.text),
    });
  }
  return format === 'rss' ? feed.rss2() : feed.atom1();
}
