import 'server-only';
import { getPrisma } from '../db';
import { sitemapReader } from './sitemap';

/**
 * The sitemap's reads at this moment. Not through the data cache: Next refuses entries over 2 MB,
 * which the listings pass at about 10,000 articles; whole sitemap documents are cached as responses.
 */
export function getSitemapReader() {
  return sitemapReader(getPrisma(), new Date());
}
