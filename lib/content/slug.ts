import { SLUG_MAX_LENGTH } from '../slug';

export { isValidSlug as isSlug, SLUG_MAX_LENGTH } from '../slug';

/** The nearest valid slug for any text: accents folded, everything else turned into hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}
