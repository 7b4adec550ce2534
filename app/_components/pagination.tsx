import Link from 'next/link';
import { pageHref } from '@/lib/site/paths';

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
