#!/usr/bin/env node
// `npm run serve`: the site's own server (server/main.ts) on a database and build made beforehand,
// run by plain Node from a bundle of its TypeScript, as scripts/start.mjs runs `npm start`.
import { importServerBundle } from './lib/server-bundle.mjs';

const { serveFromCommandLine } = await importServerBundle('server/main.ts');
serveFromCommandLine();
