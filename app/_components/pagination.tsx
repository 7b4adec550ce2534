import Link from 'next/link';

/** The URL of one page of a list: page 1 is the list's own address, so it has one canonical URL. */
export function pageHref(path: string, page: number, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Previous and next links (rel="prev"/"next") and where the reader is; nothing for a single page. */
export function Pagination({
  path,
  page,
  pageCount,
  params,
}: {
  path: string;
  page: number;
  pageCount: number;
  params?: Record<string, string>;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 && (
        <Link href={pageHref(path, page - 1, params)} rel="prev">
          Previous page
        </Link>
      )}
      <span className="pagination__status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount && (
        <Link href={pageHref(path, page + 1, params)} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}
