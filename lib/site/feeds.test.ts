import { describe, expect, it } from 'vitest';
import { HOSTILE_HEADLINE, htmlText, makeArticle, parseXml, testSite, text } from '../../tests/support/distribution';
import { buildFeed, feedHtml, type FeedChannel } from './feeds';

// The feed builder's output, read back through a real XML parser, against what RSS 2.0 and Atom 1.0
// require of a channel and its items.

const NOW = new Date('2026-03-10T12:00:00Z');
const site: FeedChannel = { scope: { kind: 'site' }, subject: null };
const tagChannel: FeedChannel = {
  scope: { kind: 'tag', slug: 'diplomacy' },
  subject: { name: 'Diplomacy & Trade', description: null },
};

type Node = Record<string, unknown>;
const get = (node: unknown, key: string) => (node as Node)[key];
const list = (node: unknown, key: string) => get(node, key) as Node[];

const hostile = makeArticle('hostile-headline', {
  headline: HOSTILE_HEADLINE,
  standfirst: 'Fish & chips <i>now</i>',
  publishedAt: '2026-03-10T10:00:00.000Z',
  updatedAt: '2026-03-10T11:30:00.000Z',
  authors: [
    { slug: 'ada-byline', name: 'Ada Byline' },
    { slug: 'bo-second', name: 'Bo Second' },
  ],
  tags: [{ slug: 'c-a', name: 'C&A <retail>' }],
  bodyHtml: '<p>See <a href="/articles/older">the older story</a> and <img src="/images/x.jpg" alt="x"> ]]> here.</p>',
});
const older = makeArticle('older-story', {
  publishedAt: '2026-03-09T08:00:00.000Z',
  updatedAt: '2026-03-09T08:00:30.000Z',
  authors: [],
});
const scheduled = makeArticle('scheduled-story', {
  publishedAt: '2026-03-10T12:00:00.001Z',
  updatedAt: '2026-03-10T12:00:00.001Z',
});

describe('RSS 2.0', () => {
  const doc = parseXml(buildFeed('rss', site, [hostile, older, scheduled], testSite, NOW));
  const rss = get(doc, 'rss');
  const channel = get(rss, 'channel');
  const items = list(channel, 'item');

  it('has the channel elements the specification requires, with absolute links', () => {
    expect(get(rss, '@version')).toBe('2.0');
    expect(get(channel, 'title')).toBe('The Test Gazette');
    expect(get(channel, 'link')).toBe('https://gazette.example/');
    expect(get(channel, 'description')).toBe('Invented news for tests.');
    expect(get(channel, 'language')).toBe('en-GB');
    expect(get(get(channel, 'atom:link'), '@href')).toBe('https://gazette.example/feed.xml');
  });

  it('lists each article with title, link, guid and an RFC 822 pubDate, never a scheduled one', () => {
    expect(items.map((item) => get(item, 'link'))).toEqual([
      'https://gazette.example/articles/hostile-headline',
      'https://gazette.example/articles/older-story',
    ]);
    const [first] = items;
    expect(get(first, 'title')).toBe(HOSTILE_HEADLINE);
    // The guid follows the article's key, so a slug change is not a new item for feed readers.
    expect(text(get(first, 'guid'))).toBe('tag:gazette.example,2026:article:hostile-headline');
    expect(get(get(first, 'guid'), '@isPermaLink')).toBe('false');
    expect(get(first, 'pubDate')).toBe('Tue, 10 Mar 2026 10:00:00 GMT');
    expect(new Date(String(get(first, 'pubDate'))).toISOString()).toBe(hostile.publishedAt);
  });

  it('carries the standfirst as HTML, categories, authors and the body with absolute links', () => {
    const [first, second] = items;
    expect(htmlText(String(get(first, 'description')))).toBe('Fish & chips <i>now</i>');
    expect(list(first, 'category').map(text)).toEqual(['World', 'C&A <retail>']);
    expect(get(first, 'dc:creator')).toEqual(['Ada Byline, Bo Second']);
    expect(get(second, 'dc:creator')).toBeUndefined();
    const body = String(get(first, 'content:encoded'));
    expect(body).toContain('href="https://gazette.example/articles/older"');
    expect(body).toContain('src="https://gazette.example/images/x.jpg"');
  });

  it('dates the channel by its latest change', () => {
    expect(get(channel, 'lastBuildDate')).toBe('Tue, 10 Mar 2026 11:30:00 GMT');
  });
});

describe('Atom 1.0', () => {
  const doc = parseXml(buildFeed('atom', tagChannel, [hostile, older, scheduled], testSite, NOW));
  const feed = get(doc, 'feed');
  const entries = list(feed, 'entry');

  it('has the feed elements the specification requires', () => {
    expect(get(feed, '@xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect(get(feed, 'id')).toBe('https://gazette.example/tags/diplomacy');
    expect(get(feed, 'title')).toBe('Diplomacy & Trade | The Test Gazette');
    expect(get(feed, 'updated')).toBe('2026-03-10T11:30:00.000Z');
    const links = list(feed, 'link').map((link) => [get(link, '@rel'), get(link, '@href')]);
    expect(links).toEqual([
      ['alternate', 'https://gazette.example/tags/diplomacy'],
      ['self', 'https://gazette.example/tags/diplomacy/atom.xml'],
    ]);
  });

  it('gives each entry id, title, updated and link, with RFC 3339 dates', () => {
    expect(entries.map((entry) => get(entry, 'id'))).toEqual([
      'tag:gazette.example,2026:article:hostile-headline',
      'tag:gazette.example,2026:article:older-story',
    ]);
    expect(entries.map((entry) => get(list(entry, 'link')[0], '@href'))).toEqual([
      'https://gazette.example/articles/hostile-headline',
      'https://gazette.example/articles/older-story',
    ]);
    const [first, second] = entries;
    expect(get(get(first, 'title'), '@type')).toBe('html');
    expect(htmlText(text(get(first, 'title')))).toBe(HOSTILE_HEADLINE);
    expect(get(first, 'updated')).toBe('2026-03-10T11:30:00.000Z');
    expect(get(first, 'published')).toBe('2026-03-10T10:00:00.000Z');
    // A re-save within a minute of publication is not an update.
    expect(get(second, 'updated')).toBe('2026-03-09T08:00:00.000Z');
    expect(get(list(first, 'link')[0], '@href')).toBe('https://gazette.example/articles/hostile-headline');
  });

  it('names authors with their pages, and falls back to the site for unsigned pieces', () => {
    const [first] = entries;
    expect(list(first, 'author').map((author) => [get(author, 'name'), get(author, 'uri')])).toEqual([
      ['Ada Byline', 'https://gazette.example/authors/ada-byline'],
      ['Bo Second', 'https://gazette.example/authors/bo-second'],
    ]);
    expect(get(list(feed, 'author')[0], 'name')).toBe('The Test Gazette');
  });

  it('categorises by section and tag, dropping a label the library cannot escape', () => {
    const categories = list(entries[0], 'category').map((c) => [get(c, '@term'), get(c, '@label'), get(c, '@scheme')]);
    expect(categories).toEqual([
      ['world', 'World', 'https://gazette.example/sections/'],
      ['c-a', undefined, 'https://gazette.example/tags/'],
    ]);
  });

  it('is still a valid feed with no articles, dated now', () => {
    const empty = get(parseXml(buildFeed('atom', site, [], testSite, NOW)), 'feed');
    expect(get(empty, 'updated')).toBe(NOW.toISOString());
    expect(get(empty, 'entry')).toBeUndefined();
  });
});

describe('feedHtml', () => {
  it('leaves absolute and protocol-relative links alone', () => {
    expect(feedHtml('<a href="https://x.example/a">a</a><a href="//cdn.example/b">b</a>', testSite)).toBe(
      '<a href="https://x.example/a">a</a><a href="//cdn.example/b">b</a>',
    );
  });
});
