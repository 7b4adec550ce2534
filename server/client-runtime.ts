// Pages are served as HTML documents without Next's client runtime (docs/decisions/007). No page of
// the site has a client component it needs in the browser (the dates are filled by one inline
// script, the search box is a GET form), yet every page Next renders loads React DOM, the App
// Router and Turbopack's loader (135 KiB gzipped) and carries its own React tree a second time as
// an inline payload, only to hydrate markup that is already there. That boot is what the
// article's and the front page's Lighthouse scores lost points to (issue 8).
//
// Removed, from the HTML of pages Next rendered: the script files under /_next/ and their preload
// links, Next's inline payload (`self.__next_f`) and Turbopack's inline bootstrap. Kept: everything
// else, including structured data (JSON-LD), our own inline scripts and React's own inline
// instructions for late Suspense boundaries, which run without React in the page.
//
// Read with patterns rather than a parser because the input is not arbitrary HTML: React writes
// every `<` of text and attribute values as `&lt;`, and Next writes it as `\u003c` inside its
// payload scripts, so a `<script` or `</script` in this text is always a real tag (server/csp.ts
// reads inline scripts the same way). A page whose shape is not the one expected is left whole.
import { SCRIPT } from './csp';

const LINK = /<link\b[^>]*>/gi;
const NEXT_FILE = /\s(?:src|href)="\/_next\/static\/[^"]*\.js"/i;
const PRELOAD = /\srel="(?:preload|modulepreload)"/i;
/** Next's payload (`(self.__next_f=self.__next_f||[]).push(…)`, `self.__next_f.push(…)`) and Turbopack's bootstrap. */
const RUNTIME_INLINE = /^\s*(?:\(?self\.__next_f\b|\(globalThis\[["']TURBOPACK["']\])/;
const ERROR_SHELL = /^(?:<!DOCTYPE html>)?<html\b[^>]*\sid="__next_error__"/i;
/**
 * True for an empty document whose body Next's runtime renders from the payload: what Next sends
 * when a page calls notFound() or fails (server/not-found-page.ts). Without the runtime it is blank.
 */
export const isErrorShell = (html: string): boolean => ERROR_SHELL.test(html);
/** Every page Next renders carries its payload; a page without it is not one of Next's. */
const PAYLOAD = 'self.__next_f';

const isRuntime = (attributes: string, body: string) =>
  NEXT_FILE.test(attributes) || (!/\ssrc=/i.test(attributes) && RUNTIME_INLINE.test(body));
/** A script of the runtime that the patterns above did not recognise. */
const leftOver = (attributes: string, body: string) => /\ssrc="\/_next\//i.test(attributes) || body.includes(PAYLOAD);

/**
 * The page without Next's client runtime, or the page unchanged when it is not one Next rendered or
 * when something of the runtime would be left behind (a Next release that writes it another way):
 * a page that boots as before is better than one that half boots.
 */
export function withoutClientRuntime(html: string): string {
  if (!html.includes(PAYLOAD) || isErrorShell(html)) return html;
  const stripped = html
    .replace(SCRIPT, (element, attributes: string, body: string) => (isRuntime(attributes, body) ? '' : element))
    .replace(LINK, (element) => (PRELOAD.test(element) && NEXT_FILE.test(element) ? '' : element));
  for (const [, attributes = '', body = ''] of stripped.matchAll(SCRIPT)) {
    if (leftOver(attributes, body)) return html;
  }
  return stripped;
}
