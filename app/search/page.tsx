import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Highlighted } from '@/app/_components/highlighted';
import { Pagination } from '@/app/_components/pagination';
import { SearchForm } from '@/app/_components/search-form';
import { Timestamp } from '@/app/_components/timestamp';
import { parseSearchParams, type SearchParams } from '@/app/_lib/search-params';
import type { SearchResult } from '@/lib/data/search';
import { searchArticles } from '@/lib/data/search-page';
import { normaliseQuery } from '@/lib/data/search-terms';
import { paths } from '@/lib/site/paths';

type Props = { searchParams: Promise<SearchParams> };

// Result pages are endless and thin: search engines should follow their links, not list them.
export const metadata: Metadata = {
  title: 'Search',
  robots: { index: false, follow: true },
};

function Result({ hit }: { hit: SearchResult }) {
  return (
    <li className="search-result">
      <article>
        <p className="kicker">{hit.section.name}</p>
        <h2 className="story__headline">
          <Link href={paths.article(hit.slug)}>
            <Highlighted text={hit.headline} />
          </Link>
        </h2>
        {hit.standfirst && (
          <p className="story__standfirst">
            <Highlighted text={hit.standfirst} />
          </p>
        )}
        <p className="search-result__excerpt">
          <Highlighted text={hit.excerpt} />
        </p>
        <p className="story__meta">
          <Timestamp iso={hit.publishedAt} dateOnly={hit.publishedDateOnly} />
        </p>
      </article>
    </li>
  );
}

/** "1 story matches", "23 stories match", or past the ranked window (search.ts) "More than 1,000 stories match". */
function matchCount(total: number, more: boolean): string {
  if (more) return `More than ${total.toLocaleString('en')} stories match`;
  return total === 1 ? '1 story matches' : `${total.toLocaleString('en')} stories match`;
}

export default async function SearchPage({ searchParams }: Props) {
  const params = parseSearchParams(await searchParams);
  if (!params) notFound();
  // What the data layer will search for, shown back to the reader: capped, control characters gone.
  const query = normaliseQuery(params.q);
  const results = query ? await searchArticles(query, params.page) : null;
  if (query ? !results : params.page !== 1) notFound();
  return (
    <div className="list-page search-page">
      <header className="list-page__header">
        <h1>Search</h1>
        <SearchForm id="search-page" label="Search stories" defaultValue={query} />
      </header>
      {results &&
        (results.total === 0 ? (
          <p className="empty" role="status">
            No stories match “{query}”. Try fewer or different words.
          </p>
        ) : (
          <>
            <p className="search-page__count" role="status">
              {matchCount(results.total, results.more)} “{query}”
            </p>
            <ol className="search-results">
              {results.items.map((hit) => (
                <Result key={hit.slug} hit={hit} />
              ))}
            </ol>
            <Pagination path={paths.search} page={results.page} pageCount={results.pageCount} params={{ q: query }} />
          </>
        ))}
    </div>
  );
}
