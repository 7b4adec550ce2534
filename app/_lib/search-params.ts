import { z } from 'zod';

// Query strings are reader input: each route checks its own here before reading anything. A value
// that is not what the route expects is not a page of the site, and the route answers 404.

export type SearchParams = Record<string, string | string[] | undefined>;

// Digits without a leading zero, as the pagination links write them: "0", "-1", "abc", "2.5",
// "01" and a repeated parameter are all refused. Six digits are far more pages than any list has.
const pageNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number)
  .optional()
  .transform((page) => page ?? 1);

const listParams = z.object({ page: pageNumber });

// A repeated "q" (a hand-edited URL) searches for its first value; the text itself is never refused:
// the data layer makes any text safe to search for.
const searchParams = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((q) => (Array.isArray(q) ? (q[0] ?? '') : (q ?? ''))),
  page: pageNumber,
});

/** The page number of a section, tag or author list, or null when the query string is not valid. */
export function parseListParams(params: SearchParams): { page: number } | null {
  const result = listParams.safeParse(params);
  return result.success ? result.data : null;
}

export function parseSearchParams(params: SearchParams): { q: string; page: number } | null {
  const result = searchParams.safeParse(params);
  return result.success ? result.data : null;
}
