import type { Server } from 'node:http';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Gives the garbage of a burst back once the server has gone quiet. V8 collects the old generation
// only when an allocation needs room, so after a burst of renders (misses, sitemaps, searches) a
// server that then idles, or only answers stored pages (which allocate little), keeps its dead
// objects: 99-105 MB of heap used after 60 uncached articles, 69-70 MB once collected (issue 8's
// memory target; docs/performance.md, "The first row after start, and memory after the bench").
// V8's own memory reducer starts only after a full collection, which a short burst never triggers.
// One full collection, in a window of WINDOW_MS with at most QUIET_REQUESTS requests (a front such
// as nginx still refreshes its copies once a second: npm run front) and once the heap has grown by
// GROWTH_BYTES since the last one, is a pause of tens of milliseconds few readers wait on.
// SERVER_IDLE_GC=0 turns it off (server/main.ts).

const WINDOW_MS = 5_000;
const QUIET_REQUESTS = 10;
const GROWTH_BYTES = 32 * 1024 * 1024;

type Collect = () => void;

/** V8's `gc()`, exposed for this process without a command-line flag (`npm start` passes none). */
function fullCollection(): Collect {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}

export interface IdleCollectionOptions {
  windowMs?: number;
  quietRequests?: number;
  growthBytes?: number;
  collect?: Collect;
  heapUsed?: () => number;
}

/** Runs a full collection after each quiet window in which the heap had grown since the last one. */
export function collectWhenIdle(server: Server, options: IdleCollectionOptions = {}): () => void {
  const {
    windowMs = WINDOW_MS,
    quietRequests = QUIET_REQUESTS,
    growthBytes = GROWTH_BYTES,
    collect = fullCollection(),
    heapUsed = () => getHeapStatistics().used_heap_size,
  } = options;
  let requests = 0;
  let usedAfter = heapUsed();
  server.on('request', () => {
    requests += 1;
  });
  const timer = setInterval(() => {
    const recent = requests;
    requests = 0;
    if (recent > quietRequests || heapUsed() - usedAfter < growthBytes) return;
    collect();
    usedAfter = heapUsed();
  }, windowMs).unref();
  return () => clearInterval(timer);
}
