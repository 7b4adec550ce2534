// Where the seed's bundle lives and how it is made (scripts/seed.mjs runs it).
import { fileURLToPath } from 'node:url';
import { cachedBundle } from './cached-bundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bundle of prisma/seed.ts under .tmp/seed, rebuilt when its sources changed.
 * @returns {Promise<{ file: string, built: boolean }>}
 */
export function seedBundle() {
  return cachedBundle('prisma/seed.ts', '.tmp/seed/seed.mjs', { root });
}
