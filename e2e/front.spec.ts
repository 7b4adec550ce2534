import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { frontConfig } from '../scripts/lib/front-config';
import { freePort } from '../scripts/lib/free-port';
import { makeWorkDir, startNginx, type RunningNginx } from '../scripts/lib/nginx';
import { runSeed } from '../tests/support/e2e/content';
import { expect, test } from '../tests/support/e2e/editor';

// The production front (`npm run front`, scripts/front.ts): Debian's nginx with the same config,
// in front of the production server this suite runs. Readers get pages from the front's cache,
// compressed bytes as the server stored them, and the seed's changes within 5 s.

test.describe.configure({ mode: 'serial' });

let front: RunningNginx;
let frontPort: number;

test.beforeAll(async () => {
  frontPort = await freePort();
  const upstreamPort = Number(new URL(test.info().project.use.baseURL ?? '').port);
  const work = makeWorkDir('news-front-e2e');
  front = await startNginx(work, frontConfig(work, { listen: frontPort, upstreamPort }), { listen: frontPort });
});

test.afterAll(async () => {
  await front?.stop();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire, not decompressed. */
  body: Buffer;
}

/** A GET through the front with exactly these headers; the body is not decoded. */
function get(pathname: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: frontPort, path: pathname, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const GZIP = { 'Accept-Encoding': 'gzip, deflate' };

test('the front serves the front page from its cache, gzip-compressed as the server stored it', async () => {
  const first = await get('/', GZIP);
  expect(first.status).toBe(200);
  // Within the micro-cache's second, repeated requests are hits.
  await expect
    .poll(async () => (await get('/', GZIP)).headers['x-cache-status'], { timeout: 5_000, intervals: [0, 50] })
    .toBe('HIT');

  const hit = await get('/', GZIP);
  expect(hit.headers['content-encoding']).toBe('gzip');
  expect(hit.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  const html = gunzipSync(hit.body).toString('utf8');
  expect(html).toMatch(/^<!DOCTYPE html>/i);
  expect(html).toContain('<h1');
  // The site's security headers come through the cache too.
  expect(hit.headers['x-content-type-options']).toBe('nosniff');
});

test('a reader who accepts no compression gets plain HTML from a separate cache entry', async () => {
  const plain = await get('/');
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString('utf8')).toMatch(/^<!DOCTYPE html>/i);
});

test('search and the API are passed through, never stored', async () => {
  for (const pathname of ['/search?q=council', '/search?q=council', '/api/revalidate']) {
    const response = await get(pathname, GZIP);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['x-cache-status']).toBeUndefined();
  }
});

test('unknown pages answer 404 through the front and are not stored', async () => {
  const pathname = `/articles/no-such-story-${Date.now()}`;
  expect((await get(pathname, GZIP)).status).toBe(404);
  const again = await get(pathname, GZIP);
  expect(again.status).toBe(404);
  expect(again.headers['x-cache-status']).not.toBe('HIT');
});

test("the seed's changes are visible through the front within 5 s", async ({ editor }) => {
  // The front page is in the front's cache before the change.
  await expect
    .poll(async () => (await get('/', GZIP)).headers['x-cache-status'], { timeout: 5_000, intervals: [0, 50] })
    .toBe('HIT');
  const { slug, headline } = await editor.write(editor.key('front-cache'));
  const { stdout } = await runSeed();
  expect(stdout).toMatch(/Articles: \d+ created/);
  const seeded = Date.now();

  await expect
    .poll(async () => (await get(`/articles/${slug}`, GZIP)).status, { timeout: 5_000, intervals: [100, 250] })
    .toBe(200);
  await expect
    .poll(async () => gunzipSync((await get('/', GZIP)).body).toString('utf8'), {
      timeout: Math.max(0, 5_000 - (Date.now() - seeded)),
      intervals: [100, 250],
    })
    .toContain(headline);
});
