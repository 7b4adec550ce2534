// Our server's response cache (server/response-cache.ts) publishes its counts here, on globalThis,
// so the app's operator route can read them: the app's bundles cannot import the server's modules.

export interface ResponseCacheStats {
  entries: number;
  /** Entries whose key contains the text asked about, when one was. */
  matched: number | undefined;
  bytes: number;
  hits: number;
  misses: number;
  stored: number;
  refused: number;
}

const KEY = Symbol.for('newsroom.response-cache-stats');
type Read = (matching?: string) => ResponseCacheStats;
type Registry = Record<symbol, Read | undefined>;

export function publishResponseCacheStats(read: Read): void {
  (globalThis as unknown as Registry)[KEY] = read;
}

/** The response cache's counts, or null when the site runs without our server (`next start`). */
export function responseCacheStats(matching?: string): ResponseCacheStats | null {
  return (globalThis as unknown as Registry)[KEY]?.(matching) ?? null;
}
