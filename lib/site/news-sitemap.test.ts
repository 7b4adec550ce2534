import { describe, expect, it } from 'vitest';
import { HOSTILE_HEADLINE, makeArticle, parseXml, testSite } from '../../tests/support/distribution';
import { isInNewsWindow, NEWS_WINDOW_MS, newsLanguage, newsSitemapXml } from './news-sitemap';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();
type Node = Record<string, unknown>;
const get = (node: unknown, key: string) => (node as Node)[key];

describe('the 48-hour window', () => {
  it('includes an article exactly 48 hours old and excludes one a millisecond older', () => {
    expect(isInNewsWindow(at(-NEWS_WINDOW_MS), NOW)).toBe(true);
    expect(isInNewsWindow(at(-NEWS_WINDOW_MS - 1), NOW)).toBe(false);
  });

  it('includes an article published this instant and never one scheduled after it', () => {
    expect(isInNewsWindow(at(0), NOW)).toBe(true);
    expect(isInNewsWindow(at(1), NOW)).toBe(false);
  });
});

describe('newsSitemapXml', () => {
  const xml = newsSitemapXml(
    [
      makeArticle('two-days-old', { publishedAt: at(-NEWS_WINDOW_MS), headline: HOSTILE_HEADLINE }),
      makeArticle('too-old', { publishedAt: at(-NEWS_WINDOW_MS - 1) }),
      makeArticle('fresh', { publishedAt: at(-60_000) }),
      makeArticle('scheduled', { publishedAt: at(60_000) }),
    ],
    testSite,
    NOW,
  );
  const urlset = get(parseXml(xml), 'urlset');
  const urls = get(urlset, 'url') as Node[];

  it('declares the sitemap and news namespaces', () => {
    expect(get(urlset, '@xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(get(urlset, '@xmlns:news')).toBe('http://www.google.com/schemas/sitemap-news/0.9');
  });

  it('lists the articles of the window, newest first, with publication, date and title', () => {
    expect(urls.map((url) => get(url, 'loc'))).toEqual([
      'https://gazette.example/articles/fresh',
      'https://gazette.example/articles/two-days-old',
    ]);
    const news = get(urls[1], 'news:news');
    expect(get(news, 'news:publication')).toEqual({ 'news:name': 'The Test Gazette', 'news:language': 'en' });
    expect(get(news, 'news:publication_date')).toBe(at(-NEWS_WINDOW_MS));
    expect(get(news, 'news:title')).toBe(HOSTILE_HEADLINE);
  });

  it('is an empty but valid URL set when nothing is recent', () => {
    expect(get(parseXml(newsSitemapXml([], testSite, NOW)), 'urlset')).toMatchObject({
      '@xmlns:news': expect.any(String),
    });
  });
});

describe('newsLanguage', () => {
  it('uses the ISO 639 code, keeping the two Chinese variants Google distinguishes', () => {
    expect(newsLanguage('en-GB')).toBe('en');
    expect(newsLanguage('fr')).toBe('fr');
    expect(newsLanguage('zh-TW')).toBe('zh-tw');
  });
});
