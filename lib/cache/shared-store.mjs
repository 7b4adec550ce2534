// @ts-check
// The store several instances share behind Next's cache handler (next-cache-handler.mjs): Redis,
// when REDIS_URL is set. Each instance keeps its own bounded memory in front; a page one instance
// rendered is found by the others here instead of being rendered again.
//
// Keys carry a namespace: the content signal (ContentState.version and the next scheduled time) that
// the server's content watch last read from the shared database. When a seed runs, every instance
// moves to the new namespace on its next poll, so old pages are never read again and need no
// deleting; they expire by TTL. Until a namespace is set (next build, tests of the handler alone)
// nothing goes to Redis.
//
// Redis is a help, never a dependency: a command that fails or takes longer than TIMEOUT_MS counts as
// a miss (or a skipped write), the instance keeps serving from its memory, and the client
// reconnects in the background; when Redis returns, sharing resumes by itself.
//
// The Redis client is loaded only when REDIS_URL is set: an instance without it never loads the
// client's modules (5.3 MiB of heap in a bare Node; docs/performance.md, "Next's copy of each page,
// compressed").

const STATE = Symbol.for('newsroom.shared-store');
const TIMEOUT_MS = Number(process.env.REDIS_TIMEOUT_MS) || 250;
/** Pages stay valid until the content changes; the TTL only bounds what an old namespace leaves behind. */
const TTL_SECONDS = 24 * 60 * 60;
const PREFIX = 'newsroom:page:';

/**
 * @typedef {import('redis').RedisClientType} Client
 * @typedef {{
 *   client: Client | null;
 *   loading: Promise<void> | null;
 *   namespace: string | null;
 *   up: boolean;
 *   counts: { hits: number; misses: number; writes: number; failures: number };
 * }} State
 */

/** @returns {State} */
function state() {
  const global = /** @type {Record<symbol, State | undefined>} */ (/** @type {unknown} */ (globalThis));
  global[STATE] ??= {
    client: null,
    loading: null,
    namespace: null,
    up: false,
    counts: { hits: 0, misses: 0, writes: 0, failures: 0 },
  };
  return global[STATE];
}

/**
 * Connects to REDIS_URL (once per process) and starts sharing under `namespace`. Called by the
 * server's content watch with every reading; a no-op without REDIS_URL.
 * @param {string} namespace
 */
export function setSharedNamespace(namespace) {
  const s = state();
  s.namespace = namespace;
  const url = process.env.REDIS_URL;
  if (!url || s.client || s.loading) return;
  s.loading = import('redis').then(
    ({ createClient }) => {
      s.loading = null;
      // Closed while the client's modules loaded: nothing to connect.
      if (s.namespace === null) return;
      connect(createClient, url);
    },
    (error) => {
      s.loading = null;
      s.counts.failures += 1;
      console.error(`Shared cache: the Redis client did not load (${error?.message ?? error}); serving from memory.`);
    },
  );
}

/** @param {typeof import('redis').createClient} createClient @param {string} url */
function connect(createClient, url) {
  const s = state();
  const client = /** @type {Client} */ (
    createClient({
      url,
      // Commands fail at once while disconnected (a miss), instead of queueing until Redis returns.
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
    })
  );
  client.on('ready', () => {
    if (!s.up) console.error(`Shared cache: Redis at ${describeUrl(url)} is in use.`);
    s.up = true;
  });
  client.on('error', (error) => {
    // Said once per outage; the client keeps reconnecting in the background.
    if (s.up || s.counts.failures === 0) {
      console.error(`Shared cache: Redis unreachable (${error?.message ?? error}); serving from memory meanwhile.`);
    }
    s.up = false;
    s.counts.failures += 1;
  });
  s.client = client;
  client.connect().catch(() => {});
}

/** Stops sharing and closes the connection (server shutdown, tests). */
export async function closeSharedStore() {
  const s = state();
  s.namespace = null;
  await s.loading;
  const client = s.client;
  s.client = null;
  s.up = false;
  if (client) await client.close().catch(() => client.destroy());
}

/** @returns {{ enabled: boolean; up: boolean; namespace: string | null; hits: number; misses: number; writes: number; failures: number }} */
export function sharedStoreStats() {
  const s = state();
  return { enabled: Boolean(s.client), up: s.up, namespace: s.namespace, ...s.counts };
}

/** @param {string} key @returns {Promise<{ value: any; lastModified: number; cacheControl: unknown } | null>} */
export async function sharedGet(key) {
  const s = state();
  if (!s.client || !s.up || s.namespace === null) return null;
  try {
    const text = await withTimeout(s.client.get(PREFIX + s.namespace + ':' + key));
    if (text === null) {
      s.counts.misses += 1;
      return null;
    }
    s.counts.hits += 1;
    return JSON.parse(text, revive);
  } catch {
    s.counts.failures += 1;
    return null;
  }
}

/**
 * @param {string} key
 * @param {{ value: any; lastModified: number; cacheControl: unknown }} entry
 */
export async function sharedSet(key, entry) {
  const s = state();
  if (!s.client || !s.up || s.namespace === null) return;
  try {
    await withTimeout(
      s.client.set(PREFIX + s.namespace + ':' + key, JSON.stringify(entry, replace), { EX: TTL_SECONDS }),
    );
    s.counts.writes += 1;
  } catch {
    s.counts.failures += 1;
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<T>}
 */
function withTimeout(promise) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis timed out')), TIMEOUT_MS);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

// Cached values hold Buffers (RSC payloads, route bodies) and Maps (segment data): JSON keeps them
// as tagged objects. The replacer looks at the holder's own value, before Buffer's toJSON runs.
/** @this {any} @param {string} key @param {unknown} value */
function replace(key, value) {
  const original = this[key];
  if (Buffer.isBuffer(original)) return { $buffer: original.toString('base64') };
  if (original instanceof Map) return { $map: [...original.entries()] };
  return value;
}

/** @param {string} _key @param {any} value */
function revive(_key, value) {
  if (value && typeof value === 'object') {
    if (typeof value.$buffer === 'string') return Buffer.from(value.$buffer, 'base64');
    if (Array.isArray(value.$map)) return new Map(value.$map);
  }
  return value;
}

/** @param {string} url */
function describeUrl(url) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}`;
}
