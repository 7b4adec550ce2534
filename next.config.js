// @ts-check
import { fileURLToPath } from 'node:url';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { contentSecurityPolicy } from './lib/site/content-security-policy.mjs';

/**
 * Headers every response carries, static files, redirects, 404s and prefetches included.
 * Exported for server/ (answers written before Next sees the request carry them too).
 * @type {{ key: string; value: string }[]}
 */
export const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/**
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
export default function nextConfig(phase) {
  // The policy allows no inline script: our server (server/csp.ts) replaces it on each HTML page
  // with one that names that page's inline scripts by hash. `next dev` is not behind our server,
  // so it gets no policy at all.
  const policy =
    phase === PHASE_DEVELOPMENT_SERVER ? [] : [{ key: 'Content-Security-Policy', value: contentSecurityPolicy([]) }];
  return {
    // Separate build folders let the test suite and a running site coexist in one checkout.
    distDir: process.env.NEXT_DIST_DIR || '.next',
    poweredByHeader: false,
    // The type check is its own step of `npm test` (tsc --noEmit over the whole repository, scripts and
    // tests included); running it again inside every build would only slow builds down.
    typescript: { ignoreBuildErrors: true },
    reactStrictMode: true,
    // Our server stores each cacheable response compressed once (server/response-cache.ts); Next
    // would compress it again on every request.
    compress: false,
    // Rendered pages and route responses, in memory and bounded, never 404s (decision 003).
    cacheHandler: fileURLToPath(new URL('./lib/cache/next-cache-handler.mjs', import.meta.url)),
    cacheMaxMemorySize: 0,
    // Native and driver modules are loaded by Node at run time, not bundled.
    serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg'],
    async headers() {
      return [{ source: '/:path*', headers: [...securityHeaders, ...policy] }];
    },
  };
}
