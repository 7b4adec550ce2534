import { afterEach, describe, expect, it, vi } from 'vitest';

// 'server-only' refuses to load outside Next's server bundles; these tests are the server.
vi.mock('server-only', () => ({}));

// The handler as the site runs it, loaded afresh for each environment because lib/env reads the
// variables once at import. The success path (a real tag expiry) is covered end to end in
// e2e/cache.spec.ts, where a running site must drop its cached pages.

async function loadHandler(secret: string | undefined) {
  vi.resetModules();
  vi.stubEnv('REVALIDATE_SECRET', secret ?? '');
  return (await import('./route')).POST;
}

const request = (authorization?: string) =>
  new Request('http://localhost/api/revalidate', {
    method: 'POST',
    headers: authorization ? { authorization } : {},
  });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('POST /api/revalidate', () => {
  it('answers 503 when the site has no secret configured', async () => {
    const POST = await loadHandler(undefined);
    const response = await POST(request('Bearer anything-at-all-here'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ revalidated: false });
  });

  it.each([
    undefined,
    'Bearer wrong-secret-of-some-length',
    'correct-secret-0123456789',
    'Basic correct-secret-0123456789',
  ])('answers 401 to the authorization header %j', async (authorization) => {
    const POST = await loadHandler('correct-secret-0123456789');
    const response = await POST(request(authorization));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
