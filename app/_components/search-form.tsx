import { SEARCH_QUERY_MAX_LENGTH } from '@/lib/data/search-terms';
import { paths } from '@/lib/site/paths';

/**
 * A plain GET form to /search: it works without JavaScript, and its results have a URL to share.
 * Each form on a page needs its own id and label (the header's, and the search page's own): the
 * label names both the search landmark and the field.
 */
export function SearchForm({
  id,
  label,
  defaultValue = '',
  compact = false,
}: {
  id: string;
  label: string;
  defaultValue?: string;
  compact?: boolean;
}) {
  return (
    <form
      action={paths.search}
      method="get"
      role="search"
      aria-label={label}
      className={compact ? 'search-form search-form--compact' : 'search-form'}
    >
      <label htmlFor={`${id}-q`} className={compact ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={SEARCH_QUERY_MAX_LENGTH}
        autoComplete="off"
        enterKeyHint="search"
      />
      <button type="submit">Search</button>
    </form>
  );
}
