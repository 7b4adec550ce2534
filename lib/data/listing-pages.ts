import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findAuthorPage, findSectionPage, findTagPage } from './lists';

// The section, tag and author pages' reads. Each page of each list is cached by Next under its own
// path (proxy.ts turns `?page=N` into a path segment), so these run only on a miss.

/** A section and one page of its stories, or null when the section or the page does not exist. */
export const getSectionPage = cache((slug: string, page: number) =>
  findSectionPage(getPrisma(), new Date(), slug, page),
);

/** A tag and one page of its stories, or null when no public story carries it or the page does not exist. */
export const getTagPage = cache((slug: string, page: number) => findTagPage(getPrisma(), new Date(), slug, page));

/** An author's profile and one page of their stories, or null when the author or the page does not exist. */
export const getAuthorPage = cache((slug: string, page: number) =>
  findAuthorPage(getPrisma(), new Date(), slug, page),
);
