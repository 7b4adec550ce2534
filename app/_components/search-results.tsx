import Link from 'next/link';
import { Highlighted } from '@/app/_components/highlighted';
import { Pagination } from '@/app/_components/pagination';
import { SearchForm } from '@/app/_components/search-form';
import { Timestamp } from '@/app/_components/timestamp';
import type { SearchResult, SearchResults } from '@/lib/data/search';
import { paths } from '@/lib/site/paths';

// What the search page shows inside the layout's <main>: the form, then the count and the results.
// One source for both ways a search is answered: Next's page (app/search/page.tsx) and our server,
// which writes it with react-dom/server into the page's cached shell (server/search-page.tsx), so a
// search never asked before costs no App Router render.

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

/**
 * The search page's content. `query` is the normalised text searched for (shown back in the form);
 * `results` is null when nothing was searched for (an empty query).
 */
export function SearchView({ query, results }: { query: string; results: SearchResults | null }) {
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
