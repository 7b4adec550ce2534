import type { IncomingMessage, ServerResponse } from 'node:http';
import { expireAll } from '../lib/cache/next-cache-handler.mjs';
import { publishResponseCacheStats } from '../lib/cache/response-cache-stats';
import { getPrisma } from '../lib/db';
import { readContentSignal, watchContent, type ContentWatch } from './content-watch';
import { ResponseCache } from './response-cache';

// What server/main.ts plugs in for caching (docs/decisions/003): the response cache as a request
// step before Next, and the content watcher as a service that, when the content changes, drops both
// the response cache and Next's own cache of rendered pages.

type Step = (req: IncomingMessage, res: ServerResponse, next: () => Promise<void>) => Promise<void>;
interface Service {
  name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

const maxBytes = Number(process.env.RESPONSE_CACHE_MAX_BYTES) || undefined;

export function cachingExtensions(): { cacheSteps: Step[]; services: Service[]; responseCache: ResponseCache } {
  const responseCache = new ResponseCache({ maxBytes });
  publishResponseCacheStats((matching) => responseCache.stats(matching));
  let watch: ContentWatch | null = null;
  const contentWatch: Service = {
    name: 'content watch',
    async start() {
      watch = watchContent({
        read: () => readContentSignal(getPrisma(), new Date()),
        onChange: () => {
          responseCache.clear();
          expireAll();
        },
      });
      await watch.ready;
    },
    stop() {
      watch?.stop();
    },
  };
  return { cacheSteps: [responseCache.step], services: [contentWatch], responseCache };
}
