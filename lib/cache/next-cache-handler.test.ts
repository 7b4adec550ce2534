import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import NewsroomCacheHandler, { cacheStats, expireAll } from './next-cache-handler.mjs';

// The handler as Next drives it: get (a miss), render, set. Values are shaped like Next's.

const page = (status: number, html = '<html>page</html>') => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from('rsc'),
  status,
  headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/articles/[slug]/page' },
  postponed: undefined,
  segmentData: undefined,
});
const route = (status: number) => ({ kind: 'APP_ROUTE', body: Buffer.from('<rss/>'), status, headers: {} });
const context = { cacheControl: { revalidate: false, expire: undefined } };

async function render(handler: NewsroomCacheHandler, key: string, value: unknown) {
  if ((await handler.get(key)) === null) await handler.set(key, value, context);
}

beforeEach(() => expireAll());

describe("Next's cache of rendered pages", () => {
  it('keeps a page and answers it with its lifetime', async () => {
    const handler = new NewsroomCacheHandler({});
    await render(handler, '/articles/a', page(200));
    const entry = (await new NewsroomCacheHandler({}).get('/articles/a')) as { value: unknown; cacheControl: unknown };
    expect(entry.value).toMatchObject({ kind: 'APP_PAGE', status: 200 });
    expect(entry.cacheControl).toEqual(context.cacheControl);
  });

  it('keeps a page compressed and gives it back whole', async () => {
    const handler = new NewsroomCacheHandler({});
    const html = `<html><body>${'<p>Harbour works resume after the storm.</p>'.repeat(700)}</body></html>`;
    await render(handler, '/articles/harbour', page(200, html));
    expect(cacheStats().bytes).toBeLessThan(Buffer.byteLength(html) / 4);
    const entry = (await handler.get('/articles/harbour')) as { value: { html: string; rscData: Buffer } };
    expect(entry.value.html).toBe(html);
    expect(entry.value.rscData.toString()).toBe('rsc');
  });

  it('adds nothing for 10,000 unknown slugs, tags, authors and page numbers', async () => {
    const handler = new NewsroomCacheHandler({});
    const before = cacheStats();
    for (let i = 0; i < 10_000; i++) {
      await render(handler, `/articles/unknown-${i}`, page(404));
      await render(handler, `/tags/unknown-${i}/feed.xml`, route(404));
    }
    await render(handler, '/sections/unknown', null);
    const after = cacheStats();
    expect(after.entries).toBe(before.entries);
    expect(after.bytes).toBe(before.bytes);
    expect(after.pending).toBe(0);
  });

  it('keeps feeds and images (route responses) and drops them all when the content changes', async () => {
    const handler = new NewsroomCacheHandler({});
    await render(handler, '/feed.xml', route(200));
    await render(handler, '/', page(200));
    expect(cacheStats().entries).toBe(2);
    expireAll();
    expect(cacheStats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(await handler.get('/feed.xml')).toBeNull();
  });

  it('leaves route responses over 1 MiB (a large sitemap) to the response cache, but keeps pages that size', async () => {
    const handler = new NewsroomCacheHandler({});
    const large = 'x'.repeat(2 * 1024 * 1024);
    await render(handler, '/sitemaps/1.xml', { ...route(200), body: Buffer.from(large) });
    await render(handler, '/articles/long', page(200, large));
    expect(await handler.get('/sitemaps/1.xml')).toBeNull();
    expect(await handler.get('/articles/long')).not.toBeNull();
    expect(cacheStats().refused).toBeGreaterThan(0);
  });

  it('does not keep a page whose render began before the content changed', async () => {
    const handler = new NewsroomCacheHandler({});
    expect(await handler.get('/')).toBeNull();
    expireAll();
    await handler.set('/', page(200), context);
    expect(cacheStats().entries).toBe(0);
  });

  it('stays within its byte bound, dropping the least recently used first', async () => {
    const handler = new NewsroomCacheHandler({});
    // Random bytes as text: entries are kept compressed, and these do not compress below 3 MiB.
    const big = randomBytes(3 * 1024 * 1024).toString('base64');
    for (let i = 0; i < 40; i++) await render(handler, `/articles/big-${i}`, page(200, big));
    const stats = cacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(stats.entries).toBeLessThan(40);
    expect(await handler.get('/articles/big-0')).toBeNull();
    expect(await handler.get('/articles/big-39')).not.toBeNull();
  });
});
