// Our server's response cache (server/response-cache.ts) publishes its counts here, on globalThis,
// so the app's operator route can read them: the app's bundles cannot import the server's modules.

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  stored: number;
  refused: number;
}

const KEY = Symbol.for('newsroom.response-cache-stats');
type Registry = Record<symbol, (() => ResponseCacheStats) | undefined>;

export function publishResponseCacheStats(read: () => ResponseCacheStats): void {
  (globalThis as unknown as Registry)[KEY] = read;
}

/** The response cache's counts, or null when the site runs without our server (`next start`). */
export function responseCacheStats(): ResponseCacheStats | null {
  return (globalThis as unknown as Registry)[KEY]?.() ?? null;
}
