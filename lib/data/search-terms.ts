// What a reader typed, turned into plain words before any database sees it. Nothing the reader
// types is ever search syntax: operators, quotes and brackets are just characters, so every query
// gives results or none, never an error. Shared by every database's search (search-sqlite.ts).

/** Longer queries are cut: a search box is for a few words, not for pasted documents. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
const MAX_TERMS = 12;

// Letters or digits in any script: a "word" without them (punctuation, emoji) cannot match anything.
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The reader's text, cleaned: control and invisible characters gone, spaces collapsed, length capped. */
export function normaliseQuery(text: string): string {
  // Cut first, by code points, so a huge paste costs nothing and no emoji is split in half.
  const head = Array.from(text.slice(0, SEARCH_QUERY_MAX_LENGTH * 2)).slice(0, SEARCH_QUERY_MAX_LENGTH).join('');
  return head
    .normalize('NFKC')
    .replace(/\p{C}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words to search for: whitespace-separated chunks that hold at least one letter or digit. A
 * chunk such as "covid-19" stays whole, so the database can match it as a phrase.
 */
export function searchTerms(text: string): string[] {
  const terms = normaliseQuery(text)
    .split(' ')
    .filter((chunk) => WORD_CHARACTER.test(chunk));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}
