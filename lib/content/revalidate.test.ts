import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestRevalidation } from './revalidate';

// A real HTTP server stands in for the site, so the request the seed sends is the one checked.
let server: Server | undefined;

async function startSite(
  status: number,
): Promise<{ url: string; requests: { method?: string; url?: string; headers: IncomingHttpHeaders }[] }> {
  const requests: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
  server = createServer((request, response) => {
    requests.push({ method: request.method, url: request.url, headers: request.headers });
    response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('requestRevalidation', () => {
  it('POSTs to /api/revalidate with the secret as a bearer token', async () => {
    const site = await startSite(200);
    const outcome = await requestRevalidation({ siteUrl: site.url, secret: 'a-secret-of-sixteen-chars' });
    expect(outcome.ok).toBe(true);
    expect(site.requests).toEqual([expect.objectContaining({ method: 'POST', url: '/api/revalidate' })]);
    expect(site.requests[0]?.headers.authorization).toBe('Bearer a-secret-of-sixteen-chars');
  });

  it('gives a one-line note, not an error, when no secret is set or the site refuses or is down', async () => {
    const noSecret = await requestRevalidation({ siteUrl: 'http://127.0.0.1:9', secret: undefined });
    expect(noSecret).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Note: REVALIDATE_SECRET is not set/),
    });

    const site = await startSite(401);
    const refused = await requestRevalidation({ siteUrl: site.url, secret: 'a-secret-of-sixteen-chars' });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('answered 401') });

    const down = await requestRevalidation({ siteUrl: 'http://127.0.0.1:9', secret: 'a-secret-of-sixteen-chars' });
    expect(down).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Note: no site answered at http:\/\/127\.0\.0\.1:9/),
    });
    for (const outcome of [noSecret, refused, down]) expect(outcome.message).not.toContain('\n');
  });
});
