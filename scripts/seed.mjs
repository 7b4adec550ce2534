#!/usr/bin/env node
// The seed (prisma/seed.ts, docs/editing.md) run by plain Node from a bundle of its TypeScript,
// rebuilt when its sources change (scripts/lib/cached-bundle.mjs): without tsx, the seed's peak
// memory is about 46 MB lower. Takes prisma/seed.ts's arguments. `npm run db:seed`, `npm start`,
// `prisma db seed` and `npm run bench:seed` run the seed through here.
import { pathToFileURL } from 'node:url';
import { seedBundle } from './lib/seed-bundle.mjs';

const { file } = await seedBundle();
await import(pathToFileURL(file).href);
