import 'server-only';
import { unstable_cache } from 'next/cache';
import { connection } from 'next/server';
import { TAGS } from '../cache-tags';
import { getPrisma } from '../db';
import { findScheduledTimes } from './queries';

// Reads are cached until the seed revalidates TAGS.content. Scheduled articles must still appear at
// their publication time without any write, so every cache key carries a "schedule epoch": the latest
// known publication time that has passed. When the clock crosses a scheduled time the epoch changes,
// the key changes, and the next request reads fresh rows. Between two such moments the public result
// cannot change, so a cached entry is exact for its whole epoch.

// A ceiling on how stale a read can be when the seed could not reach the site (no secret set, or
// the site was down): the next request after this many seconds refreshes it in the background.
export const MAX_STALE_SECONDS = 300;
const options = { tags: [TAGS.content], revalidate: MAX_STALE_SECONDS };

const getScheduledTimes = unstable_cache(async () => findScheduledTimes(getPrisma(), new Date()), ['scheduled-times'], options);

async function scheduleEpoch(now: number): Promise<number> {
  let epoch = 0;
  for (const time of await getScheduledTimes()) {
    if (time <= now) epoch = time;
    else break;
  }
  return epoch;
}

/**
 * Wraps a read so its result is cached per arguments and schedule epoch, tagged for revalidation.
 * Calling it marks the page as rendered per request: what is public depends on the time.
 */
export function cachedRead<Args extends unknown[], Result>(
  name: string,
  read: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  const cached = unstable_cache((_epoch: number, ...args: Args) => read(...args), [name], options);
  return async (...args: Args) => {
    await connection();
    return cached(await scheduleEpoch(Date.now()), ...args);
  };
}
