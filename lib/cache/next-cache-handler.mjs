// @ts-check
// Next's cache of rendered pages and route responses (next.config.js `cacheHandler`), kept in this
// process's memory instead of Next's default files under .next/cache. Plain JavaScript because Next
// loads it with Node's own import, at build time too.
//
// Why our own: (1) a miss must add nothing: entries for 404s (unknown slugs, tags, authors, page
// numbers) are never stored, so no request can fill the cache; (2) it is bounded, by bytes and by
// entries, least recently used first; (3) content changes expire everything at once and at once
// (expireAll, called by server/content-watch.ts through the server), with no files left to outlive
// a restart or a new database; (4) with REDIS_URL, several instances share what they render through
// Redis behind this memory (shared-store.mjs; docs/deployment.md); (5) it keeps each entry
// compressed, a quarter of the bytes (packed-value.mjs).
//
// Next creates an instance of the class per request, so the store lives on globalThis, where the
// server (which imports this module from its own bundle) and the app's bundles find the same one.

import { pack, packedBytes, unpack } from './packed-value.mjs';
import { sharedGet, sharedSet } from './shared-store.mjs';

const STORE = Symbol.for('newsroom.next-cache');
/** About 2,300 article pages as kept (compressed, about 14 KB each at 100,000 articles). */
const MAX_BYTES = Number(process.env.NEXT_CACHE_MAX_BYTES) || 32 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
/**
 * Route responses (feeds, sitemaps, images) larger than this are not kept here. A GET for one is
 * answered by our server's response cache, which keeps it compressed (a tenth of the bytes): Next's
 * copy would only be read after that cache dropped it, and such a copy is resident memory (a
 * 50,000-address sitemap child, before children held 1,000, was 5.9 MB) (issue 8's memory target). Pages are always kept: the client
 * router's RSC requests are served from here.
 */
const ROUTE_MAX_BYTES = 1024 * 1024;
/** Renders in flight never number this many; past it the oldest are forgotten (see `pending`). */
const MAX_PENDING = 10_000;

/**
 * @typedef {{ value: any; lastModified: number; cacheControl: unknown; tags: string[]; bytes: number }} Entry
 * @typedef {{
 *   entries: Map<string, Entry>;
 *   bytes: number;
 *   generation: number;
 *   pending: Map<string, number>;
 *   counts: { hits: number; misses: number; stored: number; refused: number };
 * }} Store
 */

/** @returns {Store} */
function store() {
  const global = /** @type {Record<symbol, Store | undefined>} */ (/** @type {unknown} */ (globalThis));
  global[STORE] ??= {
    entries: new Map(),
    bytes: 0,
    generation: 0,
    pending: new Map(),
    counts: { hits: 0, misses: 0, stored: 0, refused: 0 },
  };
  return global[STORE];
}

/** Drops every entry: the next request for any page renders it afresh from the database. */
export function expireAll() {
  const s = store();
  s.entries.clear();
  s.bytes = 0;
  // Renders that started before now read the old content: their results must not be stored.
  s.generation += 1;
}

/**
 * What the cache holds now, for tests and operators; `matching` also counts the entries whose key
 * contains that text (a test's own made-up addresses).
 * @param {string} [matching]
 */
export function cacheStats(matching) {
  const s = store();
  const matched = matching ? [...s.entries.keys()].filter((key) => key.includes(matching)).length : undefined;
  return {
    entries: s.entries.size,
    matched,
    bytes: s.bytes,
    generation: s.generation,
    pending: s.pending.size,
    ...s.counts,
  };
}

/**
 * A value's bytes as Next gives them, which decide what is refused; a kept entry is bounded by its
 * compressed bytes (packedBytes).
 * @param {any} value
 */
function sizeOf(value) {
  if (!value) return 0;
  let bytes = 0;
  if (typeof value.html === 'string') bytes += Buffer.byteLength(value.html);
  if (value.rscData) bytes += value.rscData.length;
  if (value.body) bytes += value.body.length;
  if (value.segmentData) for (const segment of value.segmentData.values()) bytes += segment.length;
  return bytes + 1024;
}

/** @param {any} value */
function tagsOf(value) {
  const header = value?.headers?.['x-next-cache-tags'];
  return typeof header === 'string' ? header.split(',') : [];
}

/** @param {any} value */
function isWorthKeeping(value) {
  if (!value) return false;
  if (value.kind !== 'APP_PAGE' && value.kind !== 'APP_ROUTE') return false;
  const status = value.status ?? 200;
  return status < 400;
}

/** @param {Store} s @param {string} key */
function remove(s, key) {
  const entry = s.entries.get(key);
  if (!entry) return;
  s.entries.delete(key);
  s.bytes -= entry.bytes;
}

/**
 * Stores an entry in memory, compressed, evicting the least recently used past the bounds.
 * @param {Store} s @param {string} key @param {any} value @param {unknown} cacheControl
 * @returns {Entry}
 */
function keep(s, key, value, cacheControl) {
  remove(s, key);
  const packed = pack(value);
  const entry = {
    value: packed,
    lastModified: Date.now(),
    cacheControl,
    tags: tagsOf(value),
    bytes: packedBytes(packed),
  };
  s.entries.set(key, entry);
  s.bytes += entry.bytes;
  for (const oldest of s.entries.keys()) {
    if (s.bytes <= MAX_BYTES && s.entries.size <= MAX_ENTRIES) break;
    remove(s, oldest);
  }
  return entry;
}

export default class NewsroomCacheHandler {
  /** @param {string} key */
  async get(key) {
    const s = store();
    const entry = s.entries.get(key);
    if (!entry) {
      const generation = s.generation;
      // Another instance may have rendered it already (only with REDIS_URL; null otherwise).
      const shared = await sharedGet(key);
      if (shared && isWorthKeeping(shared.value) && generation === s.generation) {
        s.counts.hits += 1;
        keep(s, key, shared.value, shared.cacheControl);
        return shared;
      }
      s.counts.misses += 1;
      if (s.pending.size >= MAX_PENDING) s.pending.clear();
      s.pending.set(key, generation);
      return null;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the eviction candidate.
    s.entries.delete(key);
    s.entries.set(key, entry);
    s.counts.hits += 1;
    return { value: unpack(entry.value), lastModified: entry.lastModified, cacheControl: entry.cacheControl };
  }

  /**
   * @param {string} key
   * @param {any} value
   * @param {{ cacheControl?: unknown }} context
   */
  async set(key, value, context) {
    const s = store();
    const startedIn = s.pending.get(key);
    s.pending.delete(key);
    const bytes = sizeOf(value);
    const stale = startedIn !== undefined && startedIn !== s.generation;
    const largeRoute = value?.kind === 'APP_ROUTE' && bytes > ROUTE_MAX_BYTES;
    if (!isWorthKeeping(value) || stale || largeRoute || bytes > MAX_BYTES / 4) {
      s.counts.refused += 1;
      remove(s, key);
      return;
    }
    const entry = keep(s, key, value, context?.cacheControl);
    s.counts.stored += 1;
    await sharedSet(key, { value, lastModified: entry.lastModified, cacheControl: entry.cacheControl });
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    const wanted = new Set(Array.isArray(tags) ? tags : [tags]);
    const s = store();
    for (const [key, entry] of s.entries) if (entry.tags.some((tag) => wanted.has(tag))) remove(s, key);
    s.generation += 1;
  }

  resetRequestCache() {}
}
