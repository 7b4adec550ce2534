#!/usr/bin/env node
// `npm start` (scripts/start.ts: secret, migrations, seed, build, then the server in this process)
// run by plain Node from a bundle of its TypeScript, rebuilt when its sources change
// (scripts/lib/cached-bundle.mjs). Without tsx the server is about 45 MiB smaller: no loader thread,
// no esbuild service process beside it (docs/performance.md, "The server without tsx").
import { importServerBundle } from './lib/server-bundle.mjs';

await importServerBundle('scripts/start.ts');
