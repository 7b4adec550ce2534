import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from './csp';
import { BEST_BROTLI_MAX_BYTES, chooseEncoding, ResponseCache } from './response-cache';

// The response cache on a real node:http server, in front of a stand-in for Next that streams its
// answers in chunks as Next does and counts how often it is asked.

/** What a reader gets: the page without Next's client runtime (server/client-runtime.ts). */
const document = (path: string) =>
  `<!DOCTYPE html><html><body><h1>${path}</h1>${'<p>Paragraph of a story.</p>'.repeat(200)}` +
  `<script>fillDates(${JSON.stringify(path)})</script></body></html>`;
/** What Next writes: the same with its script files and payload. */
const page = (path: string) =>
  document(path).replace(
    '</body>',
    `<script src="/_next/static/chunks/app.js" async=""></script><script>self.__next_f.push([1,"${path}"])</script></body>`,
  );

let renders = 0;
let notFoundRenders = 0;
let notFoundIsEmpty = false;
let release: (() => void) | null = null;

/** What Next sends when a page calls notFound(): an empty document, the page only in its payload. */
function emptyNotFound(res: ServerResponse, path: string): void {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(
    '<!DOCTYPE html><html id="__next_error__"><head><title>Page not found</title></head><body>' +
      `<div hidden=""></div><script>self.__next_f.push([1,"not found: ${path}"])</script></body></html>`,
  );
}
async function fakeNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  renders += 1;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/slow') await new Promise<void>((resolve) => (release = resolve));
  if (path.startsWith('/gone/') || (path === '/_not-found' && notFoundIsEmpty)) return emptyNotFound(res, path);
  if (path === '/_not-found') notFoundRenders += 1;
  const status = path.startsWith('/missing') || path === '/_not-found' ? 404 : path.startsWith('/broken') ? 500 : 200;
  res.statusCode = status;
  res.setHeader('Content-Type', path.endsWith('.xml') ? 'application/rss+xml' : 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', "script-src 'self'");
  res.setHeader('Vary', 'rsc');
  res.setHeader('Cache-Control', 's-maxage=31536000');
  // Pages under /big/ do not compress (random bytes): the byte bound must hold for them too.
  // Pages under /huge/ compress well but are larger than BEST_BROTLI_MAX_BYTES (a sitemap child).
  const body = path.startsWith('/big/')
    ? page(path) + randomBytes(16 * 1024).toString('base64')
    : path.startsWith('/huge/')
      ? page(path).repeat(60)
      : page(path);
  res.write(body.slice(0, 100));
  await new Promise((resolve) => setTimeout(resolve, 1));
  res.end(body.slice(100));
}

/** A real HTTP server answering through `store` in front of fakeNext; resolves to its origin. */
async function serveThrough(store: ResponseCache): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => void store.step(req, res, () => fakeNext(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const cache = new ResponseCache({ maxBytes: 1024 * 1024 });
let server: Server;
let origin: string;

beforeAll(async () => {
  ({ server, origin } = await serveThrough(cache));
});
afterAll(() => closeServer(server));
beforeEach(() => {
  cache.clear();
  renders = 0;
  notFoundRenders = 0;
  notFoundIsEmpty = false;
});

// node:http rather than fetch(), which would decompress the bytes this test compares.
function raw(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const request = httpRequest(origin + path, { headers, method }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('the response cache', () => {
  it('renders a page once, then serves it stored, with gzip and brotli bytes that decompress to it', async () => {
    const plain = await raw('/articles/a');
    expect(plain.status).toBe(200);
    expect(plain.headers['x-cache']).toBe('MISS');
    expect(plain.body.toString()).toBe(document('/articles/a'));
    const gzipped = await raw('/articles/a', { 'accept-encoding': 'gzip, deflate' });
    const brotli = await raw('/articles/a', { 'accept-encoding': 'gzip, deflate, br' });
    expect(renders).toBe(1);
    expect(gzipped.headers['x-cache']).toBe('HIT');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gunzipSync(gzipped.body)).toEqual(plain.body);
    expect(brotliDecompressSync(brotli.body)).toEqual(plain.body);
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gzipped.headers.vary).toBe('rsc, Accept-Encoding');
    // Stored compressed only: a reader without compression gets the plain bytes back from gzip.
    const plainHit = await raw('/articles/a');
    expect(plainHit.headers['x-cache']).toBe('HIT');
    expect(plainHit.body.toString()).toBe(document('/articles/a'));
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 3 });
  });

  it("sets each HTML page's policy from its own inline scripts, and tells browsers to ask again", async () => {
    const { headers } = await raw('/articles/b');
    const [hash] = inlineScriptHashes(document('/articles/b'));
    expect(headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}';`);
    expect(headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });

  it("sends pages and 404s without Next's client runtime, and error pages with it", async () => {
    const stored = await raw('/articles/g');
    expect(stored.body.toString()).toBe(document('/articles/g'));
    const missing = await raw('/missing/g');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe(document('/missing/g'));
    const broken = await raw('/broken/g');
    expect(broken.status).toBe(500);
    expect(broken.body.toString()).toBe(page('/broken/g'));
    const hashes = inlineScriptHashes(page('/broken/g')).map((hash) => `'sha256-${hash}'`);
    expect(broken.headers['content-security-policy']).toContain(`script-src 'self' ${hashes.join(' ')};`);
  });

  it("answers Next's empty notFound() document with the whole not-found page, asked once per content", async () => {
    const first = await raw('/gone/a');
    const second = await raw('/gone/b');
    for (const answer of [first, second]) {
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).toBe(document('/_not-found'));
      expect(answer.headers['x-cache']).toBe('BYPASS');
    }
    expect(notFoundRenders).toBe(1);
    cache.clear();
    await raw('/gone/c');
    expect(notFoundRenders).toBe(2);
  });

  it('keeps the empty notFound() document when the whole page cannot be had', async () => {
    notFoundIsEmpty = true;
    const answer = await raw('/gone/d');
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).toContain('id="__next_error__"');
    expect(answer.body.toString()).toContain('self.__next_f');
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await raw('/articles/c', { 'accept-encoding': 'br' });
    const again = await raw('/articles/c', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('ignores query parameters other than a list page number', async () => {
    await raw('/sections/world?utm_source=x');
    await raw('/sections/world?other=1');
    await raw('/sections/world?page=2');
    expect(renders).toBe(2);
  });

  it('never stores 404s, searches asked once, RSC requests or HEAD misses', async () => {
    for (let i = 0; i < 200; i++) expect((await raw(`/missing-${i}`)).status).toBe(404);
    await raw('/search?q=word');
    await raw('/search?q=other');
    await raw('/articles/d', { rsc: '1' });
    await raw('/articles/d', { 'next-router-prefetch': '1' });
    await raw('/articles/e', {}, 'HEAD');
    expect(cache.stats().entries).toBe(0);
    expect(renders).toBe(205);
    const notFound = await raw('/missing-x');
    expect(notFound.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
  });

  it('does not store a response rendered while the content changed', async () => {
    const pending = raw('/slow');
    while (!release) await new Promise((resolve) => setTimeout(resolve, 5));
    cache.clear();
    release();
    release = null;
    expect((await pending).status).toBe(200);
    expect(cache.stats().entries).toBe(0);
  });

  it('stays within its byte bound', async () => {
    for (let i = 0; i < 200; i++) await raw(`/big/many-${i}`, { 'accept-encoding': 'gzip' });
    expect(cache.stats().bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(cache.stats().entries).toBeLessThan(200);
  });

  it('answers a miss with cheap brotli and recompresses a page read again at the best quality, once', async () => {
    await cache.idle();
    const before = cache.stats().recompressed;
    const miss = await raw('/articles/f', { 'accept-encoding': 'br' });
    const hit = await raw('/articles/f', { 'accept-encoding': 'br' });
    await cache.idle();
    const best = await raw('/articles/f', { 'accept-encoding': 'br' });
    await raw('/articles/f', { 'accept-encoding': 'br' });
    await cache.idle();
    expect(renders).toBe(1);
    expect(hit.body).toEqual(miss.body);
    expect(best.body.length).toBeLessThan(miss.body.length);
    expect(brotliDecompressSync(best.body).toString()).toBe(document('/articles/f'));
    expect(best.headers.etag).not.toBe(miss.headers.etag);
    expect(cache.stats().recompressed - before).toBe(1);
  });

  it('leaves the best brotli for a quiet moment: none while the server is busy', async () => {
    await cache.idle();
    const before = cache.stats().recompressed;
    // The event loop busy 18 ms of every 20, as under a load of cached hits.
    const busy = setInterval(() => {
      const until = performance.now() + 18;
      while (performance.now() < until);
    }, 20);
    try {
      await raw('/articles/busy', { 'accept-encoding': 'br' });
      await raw('/articles/busy', { 'accept-encoding': 'br' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(cache.stats().recompressed - before).toBe(0);
    } finally {
      clearInterval(busy);
    }
    await cache.idle();
    expect(cache.stats().recompressed - before).toBe(1);
    const best = await raw('/articles/busy', { 'accept-encoding': 'br' });
    expect(best.headers.etag).toMatch(/-br11"$/);
  });

  it('keeps the cheap brotli of a body above the bound for the best quality, however often read', async () => {
    await cache.idle();
    const before = cache.stats().recompressed;
    const miss = await raw('/huge/sitemap.xml', { 'accept-encoding': 'br' });
    expect(Number(miss.headers['content-length'])).toBeGreaterThan(0);
    expect(brotliDecompressSync(miss.body).length).toBeGreaterThan(BEST_BROTLI_MAX_BYTES);
    for (let i = 0; i < 3; i++) await raw('/huge/sitemap.xml', { 'accept-encoding': 'br' });
    await cache.idle();
    const later = await raw('/huge/sitemap.xml', { 'accept-encoding': 'br' });
    expect(later.headers['x-cache']).toBe('HIT');
    expect(later.body).toEqual(miss.body);
    expect(later.headers.etag).toBe(miss.headers.etag);
    expect(cache.stats().recompressed - before).toBe(0);
  });

  it('compresses what it does not store only for the reader who asked', async () => {
    const search = await raw('/search?q=asked+once', { 'accept-encoding': 'gzip' });
    expect(search.headers['content-encoding']).toBe('gzip');
    expect(search.headers.vary).toBe('rsc, Accept-Encoding');
    expect(gunzipSync(search.body).toString()).toBe(document('/search'));
  });

  it('serves feeds compressed too', async () => {
    await raw('/feed.xml');
    const feed = await raw('/feed.xml', { 'accept-encoding': 'gzip' });
    expect(feed.headers['x-cache']).toBe('HIT');
    expect(gunzipSync(feed.body).toString()).toBe(page('/feed.xml'));
  });
});

describe('search result pages', () => {
  // A cache of its own with small bounds, on a server of its own, so the bounds are reached quickly.
  const small = new ResponseCache({ maxBytes: 1024 * 1024, maxSearchEntries: 3, maxSearchSeen: 10 });
  let smallServer: Server;
  let smallOrigin: string;
  beforeAll(async () => {
    ({ server: smallServer, origin: smallOrigin } = await serveThrough(small));
  });
  afterAll(() => closeServer(smallServer));
  beforeEach(() => small.clear());
  const ask = async (path: string) => (await fetch(smallOrigin + path)).headers.get('x-cache');

  it('are stored on the second ask of the same normalised query and page, then served stored', async () => {
    const before = renders;
    expect(await ask('/search?q=harbour%20%20lights')).toBe('BYPASS');
    expect(await ask('/search?q=+harbour+lights&utm_source=x')).toBe('MISS');
    expect(await ask('/search?q=harbour%09lights')).toBe('HIT');
    expect(renders - before).toBe(2);
    // Another page of the same query is another page.
    expect(await ask('/search?q=harbour+lights&page=2')).toBe('BYPASS');
    expect(small.stats()).toMatchObject({ searchEntries: 1 });
  });

  it('are dropped on a content change like every other page', async () => {
    await ask('/search?q=seed');
    await ask('/search?q=seed');
    expect(await ask('/search?q=seed')).toBe('HIT');
    small.clear();
    expect(small.stats()).toMatchObject({ entries: 0, searchEntries: 0, searchBytes: 0 });
    expect(await ask('/search?q=seed')).not.toBe('HIT');
  });

  it('cannot fill the cache: queries asked once store nothing, and stored ones stay within their bound', async () => {
    for (let i = 0; i < 50; i++) expect(await ask(`/search?q=once-${i}`)).toBe('BYPASS');
    expect(small.stats()).toMatchObject({ entries: 0, searchEntries: 0, searchSeen: 10 });
    for (let i = 0; i < 20; i++) {
      await ask(`/search?q=twice-${i}`);
      await ask(`/search?q=twice-${i}`);
    }
    expect(small.stats()).toMatchObject({ entries: 3, searchEntries: 3 });
    expect(small.stats().searchSeen).toBeLessThanOrEqual(10);
    // The most recently stored are the ones kept; other pages are not pushed out by searches.
    expect(await ask('/search?q=twice-19')).toBe('HIT');
    expect(await ask('/search?q=twice-0')).not.toBe('HIT');
    await ask('/articles/kept');
    for (let i = 0; i < 10; i++) {
      await ask(`/search?q=more-${i}`);
      await ask(`/search?q=more-${i}`);
    }
    expect(await ask('/articles/kept')).toBe('HIT');
    expect(small.stats().searchEntries).toBe(3);
  });
});

describe('choosing an encoding', () => {
  const both = { identity: Buffer.alloc(0), gzip: Buffer.alloc(0), br: Buffer.alloc(0) };
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', 'identity'],
    [undefined, 'identity'],
    ['*', 'gzip'],
  ])('Accept-Encoding %j gets %s', (header, expected) => {
    expect(chooseEncoding(header, both)).toBe(expected);
  });
});
