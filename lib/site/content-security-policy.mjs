// @ts-check
// The site's Content-Security-Policy, in one place: next.config.js sends it with every response, and
// our server (server/csp.ts) sends it on each HTML page with that page's inline scripts' hashes.
// Plain JavaScript because next.config.js imports it.

/**
 * @param {string[]} scriptHashes base64 sha256 digests of the inline scripts the page may run
 * @returns {string}
 */
export function contentSecurityPolicy(scriptHashes) {
  const hashes = scriptHashes.map((hash) => ` 'sha256-${hash}'`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes}`,
    // Inline style attributes (next/image sets some) cannot be hashed; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Lead images may be hosted elsewhere (an https URL in the article's front matter).
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
