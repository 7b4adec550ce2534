import { z } from 'zod';
import { PAGE_NUMBER } from '@/lib/site/page-number';

// The search page's query string is reader input, checked here before anything is read. A value
// that is not what the page expects is not a page of the site, and the page answers 404. (Lists take
// their page number as a path segment: proxy.ts.)

export type SearchParams = Record<string, string | string[] | undefined>;

// A repeated parameter is refused too.
const pageNumber = z
  .string()
  .regex(PAGE_NUMBER)
  .transform(Number)
  .optional()
  .transform((page) => page ?? 1);

// A repeated "q" (a hand-edited URL) searches for its first value; the text itself is never refused:
// the data layer makes any text safe to search for.
const searchParams = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((q) => (Array.isArray(q) ? (q[0] ?? '') : (q ?? ''))),
  page: pageNumber,
});

export function parseSearchParams(params: SearchParams): { q: string; page: number } | null {
  const result = searchParams.safeParse(params);
  return result.success ? result.data : null;
}
