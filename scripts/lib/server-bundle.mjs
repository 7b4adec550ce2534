// Where the server's bundles live and how they are run (scripts/start.mjs, scripts/serve.mjs).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedBundle } from './cached-bundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Imports the bundle of `entry` (a TypeScript file of this repository), built under .tmp/server
 * or rebuilt when its sources changed, and returns the module.
 * @param {'scripts/start.ts' | 'server/main.ts'} entry
 * @returns {Promise<Record<string, unknown>>}
 */
export async function importServerBundle(entry) {
  const { file } = await cachedBundle(entry, `.tmp/server/${path.basename(entry, '.ts')}.mjs`, { root });
  return import(pathToFileURL(file).href);
}
