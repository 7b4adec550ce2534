// A slug is one URL path segment: lower-case letters and digits in words joined by single hyphens.
// Routes check it before touching the database, so strange URLs answer 404 without a query.
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 120;

export function isValidSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}
