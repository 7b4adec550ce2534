import { expireAll } from '../lib/cache/next-cache-handler.mjs';
import { closeSharedStore, setSharedNamespace } from '../lib/cache/shared-store.mjs';
import { publishResponseCacheStats } from '../lib/cache/response-cache-stats';
import { getPrisma } from '../lib/db';
import { readContentSignal, watchContent, type ContentWatch } from './content-watch';
import type { RequestStep } from './pipeline';
import { ResponseCache } from './response-cache';

// What server/main.ts plugs in for caching (docs/decisions/003): the response cache as a request
// step before Next, and the content watcher as a service that, when the content changes, drops both
// the response cache and Next's own cache of rendered pages.

interface Service {
  name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

const maxBytes = Number(process.env.RESPONSE_CACHE_MAX_BYTES) || undefined;
// Search result pages stored at most (256 by default; 0 never stores them: server/response-cache.ts).
const searchEntries = process.env.RESPONSE_CACHE_SEARCH_ENTRIES;
const maxSearchEntries = searchEntries && /^\d+$/.test(searchEntries) ? Number(searchEntries) : undefined;

export function cachingExtensions(): { cacheSteps: RequestStep[]; services: Service[]; responseCache: ResponseCache } {
  const responseCache = new ResponseCache({ maxBytes, maxSearchEntries });
  publishResponseCacheStats((matching) => responseCache.stats(matching));
  let watch: ContentWatch | null = null;
  const contentWatch: Service = {
    name: 'content watch',
    async start() {
      watch = watchContent({
        read: async () => {
          const signal = await readContentSignal(getPrisma(), new Date());
          // With REDIS_URL, instances share rendered pages under this content's name, so a seed
          // or a scheduled time moves every instance to new keys (lib/cache/shared-store.mjs).
          setSharedNamespace(`${signal.version}.${signal.nextScheduledAt ?? 'none'}`);
          return signal;
        },
        onChange: () => {
          responseCache.clear();
          expireAll();
        },
      });
      await watch.ready;
    },
    async stop() {
      watch?.stop();
      await closeSharedStore();
    },
  };
  return { cacheSteps: [responseCache.step], services: [contentWatch], responseCache };
}
