import { describe, expect, it } from 'vitest';
import { parseXml, text } from '../../tests/support/xml';
import type { CorrectionEntry } from '../data/history-queries';
import { buildCorrectionsFeed, correctionEntryId } from './corrections-feed';
import type { SiteIdentity } from './identity';

const site = {
  name: 'The Test Ledger',
  url: 'https://news.example',
  description: 'Test news.',
  language: 'en-GB',
  logo: { path: '/logo.png', width: 600, height: 60 },
} satisfies SiteIdentity;

const entry: CorrectionEntry = {
  date: '2025-07-04T00:00:00.000Z',
  kind: 'CORRECTION',
  text: 'An earlier version said "Smith & Sons" <b>lost</b>.',
  position: 1,
  article: { key: 'budget', slug: 'budget-vote', headline: 'Budget <vote>' },
};

describe('corrections feeds', () => {
  it('gives each correction an id from its article key and place, not its slug', () => {
    expect(correctionEntryId(entry, site)).toBe('tag:news.example,2026:correction:budget:2');
    expect(correctionEntryId({ ...entry, article: { ...entry.article, slug: 'renamed' } }, site)).toBe(
      correctionEntryId(entry, site),
    );
  });

  it('writes well-formed RSS and Atom with the text escaped and a link to the version', () => {
    const now = new Date('2025-07-05T00:00:00Z');
    const rss = parseXml(buildCorrectionsFeed('rss', [entry], site, now)) as {
      rss: { channel: { item: Record<string, unknown>[] } };
    };
    const item = rss.rss.channel.item[0]!;
    expect(text(item.guid)).toBe('tag:news.example,2026:correction:budget:2');
    expect(item.title).toBe('Correction: Budget <vote>');
    expect(item.link).toBe('https://news.example/articles/budget-vote/history#correction-2');
    const atom = parseXml(buildCorrectionsFeed('atom', [entry], site, now)) as {
      feed: { entry: Record<string, unknown>[] };
    };
    expect(text(atom.feed.entry[0]!.id)).toBe('tag:news.example,2026:correction:budget:2');
  });
});
