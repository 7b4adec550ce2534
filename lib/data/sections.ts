import 'server-only';
import { unstable_cache } from 'next/cache';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findSections } from './queries';

// The sections in the site's navigation, read by the root layout of every page. Kept in Next's data
// cache: cached pages read them once per render anyway, but the search page renders on every
// request, and a database read per search for five unchanging rows cost about 0.4 ms of CPU. Like
// every entry of that cache, it is dropped on every content change (lib/cache/next-cache-handler.mjs,
// expireAll), so a seed that adds or renames a section shows in the next render.
const readSections = unstable_cache(() => findSections(getPrisma()), ['sections']);

export const getSections = cache(() => readSections());
