import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gunzipSync, gzip } from 'node:zlib';
import { ownBytes } from '../lib/cache/own-bytes.mjs';
import { normaliseQuery } from '../lib/data/search-terms';
import { contentSecurityPolicy } from '../lib/site/content-security-policy.mjs';
import { withoutClientRuntime } from './client-runtime';
import { policyForHtml } from './csp';
import type { PassOn, RequestStep } from './pipeline';
import { isEmptyNotFound, NOT_FOUND_PATH, NotFoundPage } from './not-found-page';
import { securityHeaders } from './security-headers';

// Our server's cache of finished responses, in front of Next (docs/decisions/003). A hit costs a
// map lookup and one write of bytes compressed when they were stored: no React render, no Next
// routing, no compression per request (Next's own `compress` is off). What is stored: the final
// status, headers and body of a GET for a page, feed, sitemap, image route or static file, as Next
// answered it (pages without Next's client runtime: server/client-runtime.ts), with its
// Content-Security-Policy worked out once (server/csp.ts). What never is: 404s and other errors (an
// unknown address must add nothing), redirects, RSC and prefetch requests (the browser's router;
// small, and keyed by headers), `/api/*` and Next's image optimiser (it keeps its own cache). Search
// results are stored only when asked twice (see #admitSearch), in a share of their own. Content
// changes drop everything (clear(), called by server/content-watch.ts).

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = 'br' | 'gzip' | 'identity';

interface Stored {
  status: number;
  /** Brotli quality of `bodies.br`; below the best until the page is read again (see #recompress). */
  brQuality: number;
  /** Hits since stored; the second one queues the best brotli. */
  hits: number;
  /** Length of the uncompressed body: only pages up to BEST_BROTLI_MAX_BYTES get the best brotli. */
  plainBytes: number;
  headers: [string, string | string[]][];
  /**
   * The bytes per encoding. A stored compressible page keeps only gzip and brotli (a third of the
   * memory: the plain bytes are 70% of the three); the rare reader without compression gets them
   * gunzipped (a tenth of a millisecond for an article page).
   */
  bodies: Partial<Record<Encoding, Buffer>>;
  etag: string;
  bytes: number;
  /** When Next gave the response a lifetime (the news sitemap), it ends here; else Infinity. */
  expiresAt: number;
}

export interface ResponseCacheOptions {
  /** Bound on stored bytes, all variants counted. */
  maxBytes?: number;
  maxEntries?: number;
  /** Brotli quality of a page that is read again (11, the best, by default). */
  bestBrotliQuality?: number;
  /** Bound on stored search result pages (0: never stored). */
  maxSearchEntries?: number;
  /** Bound on remembered search keys asked once (SEARCH_SEEN_MAX by default). */
  maxSearchSeen?: number;
  /** How long the server must be mostly idle before the next best brotli starts (QUIET_WINDOW_MS). */
  quietWindowMs?: number;
}

/**
 * Search pages are keyed by what readers type, so most keys are asked once. A result page is stored
 * only when the same query and page number are asked again within this window; the queries seen
 * once are remembered (their keys only) up to SEARCH_SEEN_MAX, oldest forgotten first.
 */
const SEARCH_ADMIT_WINDOW_MS = 10 * 60_000;
const SEARCH_SEEN_MAX = 4096;
/** Stored search pages may take at most this share of the byte bound, whatever their count. */
const SEARCH_BYTES_SHARE = 8;

/**
 * Brotli quality on a miss. Quality 11 costs ~65 ms of CPU for a 30 KB article page (measured:
 * more than Next's render of it), quality 5 about 1 ms for 10% more bytes. A miss is answered with
 * quality 5; a page read a second time is recompressed at the best quality once, in the background,
 * one page at a time while the server is quiet (QUIET_WINDOW_MS), so the pages that are read often
 * still pay for their best compression once and a walk over thousands of pages read once each (a
 * crawler) costs no brotli 11 at all.
 */
const MISS_BROTLI_QUALITY = 5;

/**
 * Larger bodies keep their quality-5 brotli. Quality 11 costs about 2 ms of CPU per KB: a sitemap
 * child of 50,000 addresses (5.8 MB at 100,000 articles, before children held 1,000) took over 10 s of it, on the server's own
 * core, while every other request waited (issue 8: the rows after the first hit of that child were
 * the slow ones at 100,000 articles). Pages readers read (articles, lists, search: 30–120 KB) are
 * well under the bound; the documents above it are sitemaps and feeds, fetched by crawlers.
 */
export const BEST_BROTLI_MAX_BYTES = 256 * 1024;

/**
 * The best brotli is a saving of bytes, never worth a reader's wait: each page's recompression starts
 * only after a window in which the event loop was busy less than QUIET_UTILISATION of the time. It
 * runs on libuv's thread pool, but on a busy machine (or the bench's server pinned to one core) that
 * thread takes the core from the requests: 300 ms of CPU for the three pages the bench's first steps
 * read twice at 1,000 articles (front page 86, sitemap 179, article 39 ms), during the first row's
 * warm-up (docs/performance.md, "The first row after start"). Under sustained load pages keep their
 * quality-5 brotli (10% more bytes) until a quieter moment.
 */
const QUIET_WINDOW_MS = 100;
const QUIET_UTILISATION = 0.5;

export const RSC_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-state-tree',
  'next-router-segment-prefetch',
  'next-action',
];
const NEVER_STORED = /^\/(?:search\/|api\/|_next\/image|_next\/data\/)/;
const SEARCH_PATH = '/search';
const STATIC_FILE = /^\/_next\/static\//;
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:javascript|json|xml|rss\+xml|atom\+xml|manifest\+json)|image\/svg\+xml)/;
/** Headers worked out per variant, or meaningless once stored. */
export const DROPPED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
]);
/** Browsers and proxies must ask again: a seed changes pages at any moment. ETags make asking cheap. */
const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** For answers that are not HTML pages: no inline script at all. */
const DEFAULT_POLICY = contentSecurityPolicy([]);

export class ResponseCache {
  readonly #entries = new Map<string, Stored>();
  readonly #maxBytes: number;
  readonly #maxEntries: number;
  #bytes = 0;
  #generation = 0;
  readonly #bestBrotli: number;
  readonly #counts = { hits: 0, misses: 0, stored: 0, refused: 0, recompressed: 0 };
  /** Keys waiting for their best brotli, oldest first; one is compressed at a time. */
  readonly #recompressQueue = new Set<string>();
  #recompressing = false;
  /** Stored search pages, least recently used first, and their bytes. */
  readonly #searchKeys = new Set<string>();
  #searchBytes = 0;
  readonly #maxSearchEntries: number;
  readonly #maxSearchSeen: number;
  readonly #quietWindowMs: number;
  /** Search keys asked once, and when: the second ask within the window stores the page. */
  readonly #searchSeen = new Map<string, number>();
  /** The whole not-found page, for the empty 404s Next sends when a page calls notFound(). */
  readonly #notFound = new NotFoundPage();

  constructor(options: ResponseCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#bestBrotli = options.bestBrotliQuality ?? 11;
    this.#maxSearchEntries = options.maxSearchEntries ?? 256;
    this.#maxSearchSeen = options.maxSearchSeen ?? SEARCH_SEEN_MAX;
    this.#quietWindowMs = options.quietWindowMs ?? QUIET_WINDOW_MS;
  }

  /**
   * Drops every stored response; responses being built now are not stored either. Which searches
   * were asked before is kept: a popular query is stored again at its next ask after a seed.
   */
  clear(): void {
    this.#entries.clear();
    this.#recompressQueue.clear();
    this.#searchKeys.clear();
    this.#bytes = 0;
    this.#searchBytes = 0;
    this.#notFound.clear();
    this.#generation += 1;
  }

  /** Moves at every clear(): what was built from pages before it is stale (server/search-page.tsx). */
  get generation(): number {
    return this.#generation;
  }

  /** Resolves once no page is waiting for its best brotli (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.#recompressing || this.#recompressQueue.size > 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Sizes and counts; `matching` also counts the entries whose key contains that text. */
  stats(matching?: string) {
    const matched = matching ? [...this.#entries.keys()].filter((key) => key.includes(matching)).length : undefined;
    return {
      entries: this.#entries.size,
      matched,
      bytes: this.#bytes,
      searchEntries: this.#searchKeys.size,
      searchBytes: this.#searchBytes,
      searchSeen: this.#searchSeen.size,
      ...this.#counts,
    };
  }

  /** The request step for server/main.ts, between the health check and Next. */
  // Not an async function: a hit is answered without creating a promise (server/pipeline.ts).
  readonly step: RequestStep = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || RSC_HEADERS.some((name) => name in req.headers)) {
      return passOn(res, next);
    }
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    if (url.searchParams.has('_rsc') || req.headers.range) return passOn(res, next);
    const search = url.pathname === SEARCH_PATH;
    const key = search ? searchCacheKey(url) : cacheKey(url);
    const storable = search ? this.#maxSearchEntries > 0 : !NEVER_STORED.test(url.pathname);
    const hit = storable ? this.#lookup(key) : undefined;
    if (hit) {
      this.#counts.hits += 1;
      hit.hits += 1;
      if (
        hit.hits === 1 &&
        hit.bodies.br &&
        hit.brQuality < this.#bestBrotli &&
        hit.plainBytes <= BEST_BROTLI_MAX_BYTES
      )
        this.#queueRecompress(key);
      // A stored answer carries the site's headers already: they were set before it was rendered.
      return send(req, res, hit, 'HIT');
    }
    if (req.method === 'HEAD') return passOn(res, next);
    return this.#renderAndStore(req, res, next, { url, key, search, storable });
  };

  /** A miss: the rest of the flow renders the page, which is stored when it may be and sent. */
  async #renderAndStore(
    req: IncomingMessage,
    res: ServerResponse,
    next: PassOn,
    { url, key, search, storable }: { url: URL; key: string; search: boolean; storable: boolean },
  ): Promise<void> {
    setSiteHeaders(res);
    this.#counts.misses += 1;
    const generation = this.#generation;
    const answer = await capture(res, next);
    if (!answer) return;
    if (isEmptyNotFound(answer.status, answer.body) && url.pathname !== NOT_FOUND_PATH) {
      answer.body = (await this.#notFound.document(req)) ?? answer.body;
    }
    const willStore = storable && answer.status === 200 && (!search || this.#admitSearch(key));
    // What is not stored is compressed only for this reader; what is stored, in both encodings.
    const only = willStore ? undefined : chooseEncoding(req.headers['accept-encoding'], { br: EMPTY, gzip: EMPTY });
    const stored = await prepare(answer, url.pathname, willStore, only);
    const keep = willStore && generation === this.#generation && stored.bytes * 4 <= this.#maxBytes;
    if (keep) this.#store(key, stored);
    else this.#counts.refused += 1;
    send(req, res, stored, keep ? 'MISS' : 'BYPASS');
  }

  /** True when this search key was asked once before within the window (then it is forgotten). */
  #admitSearch(key: string): boolean {
    const now = Date.now();
    const seenAt = this.#searchSeen.get(key);
    this.#searchSeen.delete(key);
    if (seenAt !== undefined && now - seenAt <= SEARCH_ADMIT_WINDOW_MS) return true;
    this.#searchSeen.set(key, now);
    for (const oldest of this.#searchSeen.keys()) {
      if (this.#searchSeen.size <= this.#maxSearchSeen) break;
      this.#searchSeen.delete(oldest);
    }
    return false;
  }

  #queueRecompress(key: string): void {
    this.#recompressQueue.add(key);
    if (!this.#recompressing) void this.#drainRecompressQueue();
  }

  /**
   * Swaps each queued page's brotli bytes for the best quality's, one page at a time and only while
   * the server is quiet (QUIET_WINDOW_MS); the bytes served meanwhile stay valid.
   */
  async #drainRecompressQueue(): Promise<void> {
    this.#recompressing = true;
    try {
      for (const key of this.#recompressQueue) {
        await quiet(this.#quietWindowMs);
        this.#recompressQueue.delete(key);
        const entry = this.#entries.get(key);
        if (!entry?.bodies.br || entry.brQuality >= this.#bestBrotli) continue;
        const plain = identityOf(entry);
        const brotli = await brotliAsync(plain, brotliOptions(this.#bestBrotli, plain.length));
        // Cleared, replaced or evicted while compressing: the result belongs to nobody.
        if (this.#entries.get(key) !== entry) continue;
        const saved = entry.bodies.br.length - brotli.length;
        if (saved > 0) {
          entry.bodies.br = ownBytes(brotli);
          entry.bytes -= saved;
          this.#bytes -= saved;
          if (this.#searchKeys.has(key)) this.#searchBytes -= saved;
        }
        entry.brQuality = this.#bestBrotli;
        this.#counts.recompressed += 1;
      }
    } finally {
      this.#recompressing = false;
    }
  }

  #lookup(key: string): Stored | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#remove(key);
      return undefined;
    }
    // Most recently used last: the first key in the Map is the next to go.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#searchKeys.delete(key)) this.#searchKeys.add(key);
    return entry;
  }

  #store(key: string, entry: Stored): void {
    this.#remove(key);
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    this.#counts.stored += 1;
    if (key.startsWith(SEARCH_KEY_PREFIX)) {
      this.#searchKeys.add(key);
      this.#searchBytes += entry.bytes;
      // Search pages have a share of their own, so queries cannot push out the pages readers read.
      for (const oldest of this.#searchKeys) {
        if (this.#searchKeys.size <= this.#maxSearchEntries && this.#searchBytes * SEARCH_BYTES_SHARE <= this.#maxBytes)
          break;
        this.#remove(oldest);
      }
    }
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    if (this.#searchKeys.delete(key)) this.#searchBytes -= entry.bytes;
  }
}

/** Resolves after the first window of `windowMs` in which the event loop was mostly idle. */
async function quiet(windowMs: number): Promise<void> {
  for (;;) {
    const start = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (performance.eventLoopUtilization(start).utilization < QUIET_UTILISATION) return;
  }
}

/**
 * Pages ignore their query string except a list's `page` (proxy.ts), so other parameters are not
 * part of the key: `/?utm_source=x` is `/`, and made-up parameters cannot multiply entries.
 */
export function cacheKey(url: URL): string {
  const pages = url.searchParams.getAll('page');
  return pages.length > 0 ? `${url.pathname}?${pages.map((page) => `page=${page}`).join('&')}` : url.pathname;
}

const SEARCH_KEY_PREFIX = `${SEARCH_PATH}?`;

/**
 * A search page's key: what the page searches for and shows back (the first `q`, normalised as
 * app/search/page.tsx does) and the page numbers as given (a bad or repeated one answers 404, never
 * stored). Other parameters change nothing on the page, so they are not part of the key, and
 * different spellings of one query (spaces, control characters) share one entry.
 */
export function searchCacheKey(url: URL): string {
  const query = normaliseQuery(url.searchParams.get('q') ?? '');
  const pages = url.searchParams.getAll('page');
  return `${SEARCH_KEY_PREFIX}q=${encodeURIComponent(query)}&page=${pages.map(encodeURIComponent).join('&page=')}`;
}

interface Answer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/**
 * Next's headers() config misses the answers its router writes itself (the 308 that drops a trailing
 * slash): the site's headers are set before the rest of the flow runs, for Next to keep or replace.
 */
function setSiteHeaders(res: ServerResponse): void {
  for (const { key, value } of securityHeaders) res.setHeader(key, value);
  res.setHeader('Content-Security-Policy', DEFAULT_POLICY);
}

function passOn(res: ServerResponse, next: PassOn): Promise<void> | void {
  setSiteHeaders(res);
  return next();
}

/**
 * Runs the rest of the flow with `res`'s output held back, and returns what it wrote; null when the
 * connection closed first. Next streams pages; holding the stream back costs a little time to first
 * byte on a miss and is what lets every later hit be one write.
 */
async function capture(res: ServerResponse, next: PassOn): Promise<Answer | null> {
  const chunks: Buffer[] = [];
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const restore = () => Object.assign(res, original);
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array);

  res.writeHead = function (status: number, ...rest: unknown[]) {
    res.statusCode = status;
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers && typeof headers === 'object') {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    }
    return res;
  } as typeof res.writeHead;
  res.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') queueMicrotask(() => cb());
    return true;
  } as typeof res.write;
  res.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown) {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    restore();
    ended();
    const cb = [chunk, encoding, callback].find((value) => typeof value === 'function');
    if (typeof cb === 'function') res.once('finish', cb as () => void);
    return res;
  } as typeof res.end;
  res.flushHeaders = () => {};

  const closed = new Promise<'closed'>((resolve) => res.once('close', () => resolve('closed')));
  // Next's promise settles only once the real response has finished, which is after this function
  // returns: wait for its end() (or a closed connection), not for it.
  // A promise even when next() throws before its first await, so the wrappers are restored.
  const flow = new Promise<void>((resolve) => resolve(next())).catch((error: unknown) => {
    restore();
    throw error;
  });
  const outcome = await Promise.race([done.then(() => 'ended' as const), closed, flow.then(() => 'returned' as const)]);
  if (outcome === 'returned') await Promise.race([done, closed]);
  restore();
  if (outcome === 'closed' || res.destroyed) return null;
  void flow.catch(() => {});
  return { status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) };
}

const EMPTY = Buffer.alloc(0);

function brotliOptions(quality: number, size: number) {
  return { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: size } };
}

/**
 * The answer as it will be sent and stored: policy for HTML, cache headers, compressed variants
 * (both when it will be stored, else only `only`, the one this reader gets).
 */
async function prepare(answer: Answer, pathname: string, willStore: boolean, only?: Encoding): Promise<Stored> {
  const headers = { ...answer.headers };
  const type = String(headers['content-type'] ?? '');
  let identity = answer.body;
  if (type.startsWith('text/html')) {
    // Pages and 404s go out as documents without Next's client runtime (server/client-runtime.ts);
    // error pages keep it, for their "Try again" button.
    const html = answer.body.toString('utf8');
    const page = answer.status < 500 ? withoutClientRuntime(html) : html;
    if (page !== html) identity = Buffer.from(page);
    headers['content-security-policy'] = policyForHtml(page);
  }
  const immutable = STATIC_FILE.test(pathname);
  if (willStore && !immutable) headers['cache-control'] = PAGE_CACHE_CONTROL;
  const lifetime = /s-maxage=(\d+)/.exec(String(answer.headers['cache-control'] ?? ''));
  const seconds = lifetime ? Number(lifetime[1]) : Infinity;
  const expiresAt = seconds > 0 && seconds < 31_536_000 ? Date.now() + seconds * 1000 : Infinity;

  const bodies: Stored['bodies'] = {};
  const compressible = COMPRESSIBLE.test(type) && identity.length >= 256;
  if (compressible) {
    // gzip 9 costs ~1 ms for an article page, so stored pages get it at once; brotli starts at a
    // cheap quality (MISS_BROTLI_QUALITY) and is improved if the page is read again.
    const [gzipped, brotli] = await Promise.all([
      only === undefined || only === 'gzip' ? gzipAsync(identity, { level: willStore ? 9 : 6 }) : undefined,
      only === undefined || only === 'br'
        ? brotliAsync(identity, brotliOptions(MISS_BROTLI_QUALITY, identity.length))
        : undefined,
    ]);
    // What is stored is kept for hours: in buffers of its own size, not in zlib's output chunks.
    if (gzipped) bodies.gzip = willStore ? ownBytes(gzipped) : gzipped;
    if (brotli) bodies.br = willStore ? ownBytes(brotli) : brotli;
  }
  // Kept plain when it cannot be rebuilt from gzip, or when only this reader will get it.
  if (!bodies.gzip || !willStore) bodies.identity = identity;
  const vary = new Set(
    String(headers.vary ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  if (compressible) vary.add('Accept-Encoding');
  if (vary.size > 0) headers.vary = [...vary].join(', ');
  const etag = createHash('sha1').update(identity).digest('base64url').slice(0, 22);
  const list = Object.entries(headers).flatMap(([name, value]): [string, string | string[]][] =>
    value === undefined || DROPPED.has(name) ? [] : [[name, Array.isArray(value) ? value : String(value)]],
  );
  const bytes = (bodies.identity?.length ?? 0) + (bodies.gzip?.length ?? 0) + (bodies.br?.length ?? 0) + 512;
  return {
    status: answer.status,
    brQuality: MISS_BROTLI_QUALITY,
    hits: 0,
    plainBytes: identity.length,
    headers: list,
    bodies,
    etag,
    bytes,
    expiresAt,
  };
}

function identityOf(entry: Stored): Buffer {
  return entry.bodies.identity ?? gunzipSync(entry.bodies.gzip as Buffer);
}

/** The encoding to send: brotli, then gzip, when the client accepts it (q=0 refuses). */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: Partial<Record<Encoding, Buffer>>,
): Encoding {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)/.exec(param)?.[1]).find(Boolean);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  if (available.br && accepted.has('br')) return 'br';
  if (available.gzip && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return 'identity';
}

function send(req: IncomingMessage, res: ServerResponse, entry: Stored, outcome: 'HIT' | 'MISS' | 'BYPASS'): void {
  const encoding = chooseEncoding(req.headers['accept-encoding'], entry.bodies);
  const body = encoding === 'identity' ? identityOf(entry) : (entry.bodies[encoding] ?? identityOf(entry));
  // The brotli bytes change when a page is recompressed at the best quality: so does their tag.
  const variant = encoding === 'identity' ? '' : encoding === 'br' ? `-br${entry.brQuality}` : `-${encoding}`;
  const etag = `"${entry.etag}${variant}"`;
  // One writeHead with every header: on a hit nothing was set before (server/main.ts's steps set
  // headers only while draining), and Node then writes the list as it is, without the per-header
  // bookkeeping of setHeader. Headers set earlier (a miss, draining) are merged by Node, ours last.
  const headers: (string | string[])[] = [];
  for (const [name, value] of entry.headers) headers.push(name, value);
  headers.push('ETag', etag, 'X-Cache', outcome);
  if (encoding !== 'identity') headers.push('Content-Encoding', encoding);
  if (entry.status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers.push('Content-Length', String(body.length));
  res.writeHead(entry.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
