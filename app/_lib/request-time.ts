import 'server-only';
import { cache } from 'react';

/**
 * The moment this request is rendered, read once: every "3 hours ago" on a page is measured from
 * the same instant, and server components stay pure for the rest of the render.
 */
export const requestTime = cache((): number => Date.now());
