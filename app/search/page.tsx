import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SearchView } from '@/app/_components/search-results';
import { parseSearchParams, type SearchParams } from '@/app/_lib/search-params';
import { searchArticles } from '@/lib/data/search-page';
import { normaliseQuery } from '@/lib/data/search-terms';

type Props = { searchParams: Promise<SearchParams> };

// Result pages are endless and thin: search engines should follow their links, not list them.
export const metadata: Metadata = {
  title: 'Search',
  robots: { index: false, follow: true },
};

// Under our server (server/main.ts) this page renders only without a query (the shell that
// server/search-page.tsx writes results into) and the 404s; under plain `next start` it answers
// every search. Both write the same SearchView.
export default async function SearchPage({ searchParams }: Props) {
  const params = parseSearchParams(await searchParams);
  if (!params) notFound();
  // What the data layer will search for, shown back to the reader: capped, control characters gone.
  const query = normaliseQuery(params.q);
  const results = query ? await searchArticles(query, params.page) : null;
  if (query ? !results : params.page !== 1) notFound();
  return <SearchView query={query} results={results} />;
}
