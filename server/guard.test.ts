import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardRawRequests, guardStep, judgeHeaders, judgeRequest, MAX_URL_LENGTH } from './guard';
import { composeSteps, toRequestListener } from './pipeline';
import { securityHeaders } from './security-headers';
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

describe('judgeHeaders', () => {
  it('answers 400 to a router state header Next cannot parse, and passes a well-formed one', () => {
    expect(judgeHeaders({ 'next-router-state-tree': '%7B%22broken' })?.status).toBe(400);
    expect(judgeHeaders({ 'next-router-state-tree': '%FF' })?.status).toBe(400);
    expect(judgeHeaders({ 'next-router-state-tree': encodeURIComponent('{"a":1}') })?.status).toBe(400);
    expect(judgeHeaders({ 'next-router-state-tree': encodeURIComponent('[1]') })?.status).toBe(400);
    expect(
      judgeHeaders({
        'next-router-state-tree': encodeURIComponent('["",{"children":["__PAGE__",{}]},null,null]'),
      }),
    ).toBeNull();
    expect(judgeHeaders({})).toBeNull();
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

describe('the guard on a real node:http server', () => {
  const start = async (): Promise<{ server: Server; port: number }> => {
    const server = createServer();
    guardRawRequests(server);
    server.on('request', toRequestListener(composeSteps([guardStep(), (_req, res) => void res.end('page')])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, port: (server.address() as AddressInfo).port };
  };

  it.each([
    ['GET /articles/%FF HTTP/1.1', 400],
    ['TRACE / HTTP/1.1', 405],
    ['DELETE /articles/x HTTP/1.1', 405],
    ['CONNECT example.invalid:443 HTTP/1.1', 405],
    ['GET / HTTP/9.9', 400],
    [`GET / HTTP/1.1\r\nX-Big: ${'b'.repeat(20_000)}`, 431],
  ])('answers %j with %i and the security headers', async (head, status) => {
    const { server, port } = await start();
    try {
      const answer = await rawExchange(port, `${head}\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      for (const { key, value } of securityHeaders) expect(answer).toContain(`${key}: ${value}`);
      expect(answer).toContain("Content-Security-Policy: default-src 'none'");
      if (status === 405) expect(answer).toMatch(/Allow: GET, HEAD/);
    } finally {
      server.close();
    }
  });

  it('passes ordinary requests on', async () => {
    const { server, port } = await start();
    try {
      const answer = await rawExchange(
        port,
        'GET /articles/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toMatch(/page$/);
    } finally {
      server.close();
    }
  });
});

/** Sends raw bytes and returns everything the server wrote before closing the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve(answer) : reject(error),
    );
  });
}
