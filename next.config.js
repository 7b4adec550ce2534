// @ts-check

/**
 * Headers every response carries, static files included. The Content-Security-Policy needs a
 * per-request nonce, so it is set in proxy.ts instead. Exported for server/ (answers written before
 * Next sees the request carry them too).
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

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let the test suite and a running site coexist in one checkout.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The type check is its own step of `npm test` (tsc --noEmit over the whole repository, scripts and
  // tests included); running it again inside every build would only slow builds down.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native and driver modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
