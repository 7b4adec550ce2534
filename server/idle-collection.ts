import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Gives the garbage of a burst back once the server has gone quiet. V8 collects the old generation
// only when an allocation needs room, so after a burst of renders (misses, sitemaps, searches) a
// server that then idles, or only answers stored pages (which allocate little), keeps its dead
// objects: 99-105 MB of heap used after 60 uncached articles, 69-70 MB once collected (issue 8's
// memory target; docs/performance.md, "The first row after start, and memory after the bench").
// V8's own memory reducer starts only after a full collection, which a short burst never triggers.
// One full collection, when no request has come for IDLE_MS after some did, is a pause of tens of
// milliseconds that no reader is waiting on. SERVER_IDLE_GC=0 turns it off (server/main.ts).

const IDLE_MS = 5_000;

type Collect = () => void;

/** V8's `gc()`, exposed for this process without a command-line flag (`npm start` passes none). */
function fullCollection(): Collect {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}

/** Runs one full collection each time `server` has had no request for `idleMs` after some came. */
export function collectWhenIdle(server: Server, idleMs = IDLE_MS, collect: Collect = fullCollection()): () => void {
  let requests = 0;
  let collectedAt = 0;
  let lastRequestAt = 0;
  server.on('request', () => {
    requests += 1;
    lastRequestAt = performance.now();
  });
  const timer = setInterval(() => {
    if (requests === collectedAt || performance.now() - lastRequestAt < idleMs) return;
    collectedAt = requests;
    collect();
  }, idleMs / 2).unref();
  return () => clearInterval(timer);
}
