import { describe, expect, it } from 'vitest';
import { judgeRequest, MAX_URL_LENGTH } from './guard';
import { safeForLog } from './log-safe';

describe('judgeRequest', () => {
  it.each(['/articles/%FF', '/tags/%C0%AE', '/articles/%ED%A0%80', '/sitemaps/%FF.xml', '/a%00b', '/x%0Ay', '/%5C'])(
    'answers 400 to the malformed path %s',
    (url) => {
      expect(judgeRequest('GET', url)?.status).toBe(400);
    },
  );

  it('lets ordinary pages, queries and encoded UTF-8 through', () => {
    expect(judgeRequest('GET', '/')).toBeNull();
    expect(judgeRequest('HEAD', '/articles/some-slug')).toBeNull();
    expect(judgeRequest('GET', '/search?q=caf%C3%A9%20%E2%9C%93')).toBeNull();
    expect(judgeRequest('GET', '/tags/caf%C3%A9')).toBeNull();
  });

  it('answers 405 with Allow to methods a page does not take', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'TRACK', 'PROPFIND']) {
      expect(judgeRequest(method, '/articles/x')).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } });
    }
  });

  it('takes POST on the revalidate route only', () => {
    expect(judgeRequest('POST', '/api/revalidate')).toBeNull();
    expect(judgeRequest('GET', '/api/revalidate')).toMatchObject({ status: 405, headers: { Allow: 'POST' } });
  });

  it('answers 414 to an over-long target', () => {
    expect(judgeRequest('GET', `/${'a'.repeat(MAX_URL_LENGTH)}`)?.status).toBe(414);
  });

  it('rejects image sources that are not plain local paths', () => {
    expect(judgeRequest('GET', '/_next/image?url=%2F%5Cexample.invalid%2Fx.png&w=64&q=75')?.status).toBe(400);
    expect(judgeRequest('GET', '/_next/image?url=%2F%2Fexample.invalid%2Fx.png&w=64&q=75')?.status).toBe(400);
    expect(judgeRequest('GET', '/_next/image?url=%2Fx%0A.png&w=64&q=75')?.status).toBe(400);
    expect(judgeRequest('GET', '/_next/image?url=%2Fimages%2Fa.png&w=64&q=75')).toBeNull();
  });

  it('rejects targets that are not origin-form paths', () => {
    expect(judgeRequest('GET', '*')?.status).toBe(400);
    expect(judgeRequest('GET', '//example.invalid/')?.status).toBe(400);
    expect(judgeRequest('GET', 'http://example.invalid/')?.status).toBe(400);
  });
});

describe('safeForLog', () => {
  it('escapes what could forge a line or drive a terminal', () => {
    expect(safeForLog('/a\nb\x1b[31m\\c\u2028')).toBe('/a\\x0ab\\x1b[31m\\\\c\\u2028');
  });

  it('cuts long text and says how long it was', () => {
    expect(safeForLog('x'.repeat(50), 10)).toBe('xxxxxxxxxx...(50 chars)');
  });
});
