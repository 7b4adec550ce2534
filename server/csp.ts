import { createHash } from 'node:crypto';
import { contentSecurityPolicy } from '../lib/site/content-security-policy.mjs';

// The Content-Security-Policy of an HTML page, without a nonce: a nonce must be new for every
// response, which would make every page render per request. Instead the policy names, by sha256,
// each inline script the page itself carries (Next's bootstrap and its streamed data), so a stored
// page and its policy stay right together for as long as the page is stored. Scripts with a `src`
// are allowed by 'self'; nothing else inline runs. Computed once per stored page
// (server/response-cache.ts), and for pages that are not stored (search, 404s) on each response.

/** A `<script>` element: its attributes and body (server/client-runtime.ts reads pages with it too). */
export const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const SRC = /\ssrc\s*=/i;
const TYPE = /\stype\s*=\s*["']?([^"'\s>]+)/i;
/** Script types the browser runs; anything else (JSON-LD) is data and needs no allowance. */
const EXECUTABLE = new Set(['', 'text/javascript', 'application/javascript', 'module']);

/** The base64 sha256 of each distinct inline script in the HTML, in document order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (SRC.test(attributes)) continue;
    const type = (TYPE.exec(attributes)?.[1] ?? '').toLowerCase();
    if (!EXECUTABLE.has(type)) continue;
    hashes.add(createHash('sha256').update(body, 'utf8').digest('base64'));
  }
  return [...hashes];
}

/** The policy for this HTML page: the site's policy with the page's inline scripts allowed by hash. */
export function policyForHtml(html: string): string {
  return contentSecurityPolicy(inlineScriptHashes(html));
}
