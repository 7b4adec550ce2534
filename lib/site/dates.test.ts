import { describe, expect, it } from 'vitest';
import { makeArticle, parseXml, testSite } from '../../tests/support/distribution';
import { calendarDate, modifiedText, publishedText } from './dates';
import { buildFeed } from './feeds';
import { newsSitemapXml } from './news-sitemap';
import { sitemapEntries } from './sitemap';
import { newsArticleJsonLd } from './structured-data';

// An article whose file says `publishedAt: 2025-07-03`: the seed stores that day's midnight in the
// newsroom's zone (Europe/London, 23:00 UTC the day before) and marks it as a date without a time.
const MIDNIGHT_LONDON = '2025-07-02T23:00:00.000Z';
const dateOnly = makeArticle('date-only', {
  publishedAt: MIDNIGHT_LONDON,
  publishedDateOnly: true,
  updatedAt: MIDNIGHT_LONDON,
});
const NOW = new Date('2025-07-03T12:00:00.000Z');

describe('an article published on a date without a time', () => {
  it('is dated by the day in the newsroom, never by an invented midnight', () => {
    expect(calendarDate(MIDNIGHT_LONDON, 'Europe/London')).toBe('2025-07-03');
    expect(publishedText(dateOnly, 'Europe/London')).toBe('2025-07-03');
    expect(modifiedText(dateOnly, 'Europe/London')).toBe('2025-07-03');
  });

  it('says the same day in JSON-LD, the news sitemap and the sitemap', () => {
    expect(newsArticleJsonLd(dateOnly, testSite)).toMatchObject({
      datePublished: '2025-07-03',
      dateModified: '2025-07-03',
    });
    expect(newsSitemapXml([dateOnly], testSite, NOW)).toContain(
      '<news:publication_date>2025-07-03</news:publication_date>',
    );
    const entries = sitemapEntries(
      [{ ...dateOnly, sectionSlug: 'world', authorSlugs: [], tagSlugs: [] }],
      ['world'],
      NOW,
    );
    expect(entries.find((entry) => entry.path === '/articles/date-only')?.lastModified).toBe('2025-07-03');
  });

  it('keeps the instant in feeds, which require a time: the same day in the newsroom', () => {
    const rss = parseXml(buildFeed('rss', { scope: { kind: 'site' }, subject: null }, [dateOnly], testSite, NOW));
    const channel = (rss.rss as { channel: { item: { pubDate: string }[] } }).channel;
    const pubDate = channel.item[0]?.pubDate ?? '';
    expect(new Date(pubDate).toISOString()).toBe(MIDNIGHT_LONDON);
    expect(calendarDate(new Date(pubDate).toISOString(), 'Europe/London')).toBe('2025-07-03');
  });

  it('dates an article with a real time and its update by their instants, as before', () => {
    const timed = makeArticle('timed', {
      publishedAt: '2025-07-03T09:30:00.000Z',
      updatedAt: '2025-07-04T10:00:00.000Z',
    });
    expect(publishedText(timed)).toBe('2025-07-03T09:30:00.000Z');
    expect(modifiedText(timed)).toBe('2025-07-04T10:00:00.000Z');
    // A date-only article that was later updated gives the update's instant: that one has a time.
    expect(modifiedText({ ...dateOnly, updatedAt: '2025-07-04T10:00:00.000Z' })).toBe('2025-07-04T10:00:00.000Z');
  });
});
