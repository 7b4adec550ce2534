import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { renderToStaticMarkup } from 'react-dom/server';
import { SearchView } from '../app/_components/search-results';
import { parseSearchParams, type SearchParams } from '../app/_lib/search-params';
import { getPrisma } from '../lib/db';
import { findSearchResults, type SearchResults } from '../lib/data/search';
import { normaliseQuery } from '../lib/data/search-terms';
import { paths } from '../lib/site/paths';
import { askSelf, isHtml } from './ask-self';
import { withoutClientRuntime } from './client-runtime';
import type { RequestStep } from './pipeline';
import { DROPPED, RSC_HEADERS } from './response-cache';

// Search results without the App Router's per-request render (issue 8: a search never asked before
// cost about 25 ms of server CPU, most of it React's two passes over the result list inside Next).
// The search page without a query is an ordinary page of Next's: header, navigation, footer, styles
// and the form. Our server asks itself for it once per content version (the shell) and answers
// `/search?q=…` by writing the page's own content, app/_components/search-results.tsx rendered with
// react-dom/server, into the shell's <main>. It runs where Next would (server/main.ts: after the
// response cache and the 503 while the database is away), so the response cache treats the answer
// as it treated Next's: policy, compression, HEAD, storing a search asked twice. Whatever this step
// cannot answer exactly as the page would goes on to Next: bad parameters and pages past the end
// (Next's 404), the empty query (the shell itself), RSC requests, and any failure.

/** Headers of the shell that belong to its own bytes or to that one answer. */
const NOT_COPIED = new Set([...DROPPED, 'x-cache', 'content-security-policy']);

/** The search page without a query, cut around the content of its <main>. */
export interface SearchShell {
  head: string;
  tail: string;
  headers: OutgoingHttpHeaders;
}

/**
 * Cuts the empty search page around its <main>'s content, or null when it is not a page results
 * can be written into as they are: one <main>, and no client runtime left (a payload would render
 * the empty page over the results).
 */
export function toShell(html: string, headers: OutgoingHttpHeaders): SearchShell | null {
  const start = html.indexOf('<main');
  const open = html.indexOf('>', start) + 1;
  const close = html.indexOf('</main>');
  if (start < 0 || open <= start || close < open) return null;
  if (html.indexOf('<main', open) >= 0 || html.indexOf('</main>', close + 1) >= 0) return null;
  if (withoutClientRuntime(html) !== html) return null;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_COPIED.has(name.toLowerCase())));
  return { head: html.slice(0, open), tail: html.slice(close), headers: kept };
}

/** The whole page for this search: the shell with the search page's content in its <main>. */
export function searchDocument(shell: SearchShell, query: string, results: SearchResults): string {
  return `${shell.head}${renderToStaticMarkup(<SearchView query={query} results={results} />)}${shell.tail}`;
}

/** The query string as Next hands it to a page: a repeated parameter becomes an array. */
export function toSearchParams(params: URLSearchParams): SearchParams {
  const grouped: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = grouped[name];
    grouped[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return grouped;
}

/** What this step answers: a GET or HEAD of /search with a query, as a reader's browser asks. */
function searchToAnswer(req: IncomingMessage): { query: string; page: number } | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (RSC_HEADERS.some((name) => name in req.headers)) return null;
  const raw = req.url ?? '/';
  const mark = raw.indexOf('?');
  if ((mark < 0 ? raw : raw.slice(0, mark)) !== paths.search) return null;
  const search = mark < 0 ? '' : raw.slice(mark + 1);
  // A malformed escape is for Next to judge, as before.
  try {
    decodeURIComponent(search.replace(/\+/g, ' '));
  } catch {
    return null;
  }
  const url = new URLSearchParams(search);
  if (url.has('_rsc')) return null;
  const params = parseSearchParams(toSearchParams(url));
  if (!params) return null;
  const query = normaliseQuery(params.q);
  return query ? { query, page: params.page } : null;
}

export interface SearchPageOptions {
  /** Moves whenever the content changes (ResponseCache.generation): the shell is asked for again. */
  generation: () => number;
  /** One page of results, or null past the end: the site's database by default (tests pass their own). */
  search?: (query: string, page: number) => Promise<SearchResults | null>;
}

const searchSiteDatabase = (query: string, page: number) => findSearchResults(getPrisma(), new Date(), query, page);

export function searchPageStep({ generation, search = searchSiteDatabase }: SearchPageOptions): RequestStep {
  let shell: { generation: number; page: Promise<SearchShell | null> } | null = null;
  const currentShell = (req: IncomingMessage): Promise<SearchShell | null> => {
    const now = generation();
    if (!shell || shell.generation !== now) {
      const page = askSelfForShell(req).catch(() => null);
      shell = { generation: now, page };
      // A failure is not remembered: the next search asks again.
      void page.then((found) => {
        if (!found && shell?.page === page) shell = null;
      });
    }
    return shell.page;
  };

  return async (req, res, next) => {
    const asked = searchToAnswer(req);
    if (!asked) return next();
    let results: SearchResults | null;
    let found: SearchShell | null;
    try {
      [results, found] = await Promise.all([search(asked.query, asked.page), currentShell(req)]);
    } catch {
      return next();
    }
    if (!results || !found) return next();
    writeDocument(res, found, searchDocument(found, asked.query, results));
  };
}

function writeDocument(res: ServerResponse, shell: SearchShell, html: string): void {
  for (const [name, value] of Object.entries(shell.headers)) if (value !== undefined) res.setHeader(name, value);
  const body = Buffer.from(html);
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * The empty search page as Next renders it, asked of this server (same address and port). The
 * Range header sends it past the response cache to Next (server/response-cache.ts never stores a
 * range request), so its headers are Next's own, not those of a stored copy.
 */
async function askSelfForShell(req: IncomingMessage): Promise<SearchShell | null> {
  const answer = await askSelf(req, paths.search, { range: 'bytes=0-' });
  if (answer.status !== 200 || !isHtml(answer)) return null;
  return toShell(withoutClientRuntime(answer.body.toString('utf8')), answer.headers);
}
