// Generated hostile requests for the fuzz test (issue 10): every kind the issue lists, combined
// deterministically so a failure can be replayed from its index.

import { random } from '../../../scripts/lib/random';

const CRLF = '\r\n';

/** Bytes a log must never show raw: a forged line and a terminal escape. */
export const LOG_MARKERS = { forgedLine: 'FORGED-LOG-LINE', escape: '\x1b[31m' };

const TRAVERSAL = [
  '/../../../../etc/passwd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/%252e%252e/%252e%252e/etc/passwd',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/..%5c..%5c..%5cwindows%5cwin.ini',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/%e0%80%ae%e0%80%ae/etc/passwd',
  '/..\\..\\..\\etc\\passwd',
  '/_next/static/../../../package.json',
  '/_next/static/%2e%2e/%2e%2e/%2e%2e/package.json',
  '/_next/static/chunks/..%2f..%2f..%2fnext.config.js',
  '/articles/..%2f..%2f.env.local',
  '/public/../.env',
  '/.env',
  '/.git/config',
  '/_next/../prisma/schema.prisma',
];

const BAD_ENCODING = [
  '/articles/%FF',
  '/tags/%C0%AE',
  '/articles/%ED%A0%80',
  '/sitemaps/%FF.xml',
  '/%',
  '/articles/%G1',
  '/articles/%E2%82',
  '/authors/%F8%88%80%80%80',
  '/sections/%C3%28',
  '/articles/%EF%BF%BE',
  '/search?q=%FF',
  '/search?q=%',
  '/?page=%ED%A0%80',
  '/articles/\xff\xfe',
  '/tags/caf\xe9',
];

const ODD_PATHS = [
  '/articles/%00',
  '/articles/a%00b',
  '/articles/a\x00b',
  `/articles/x%0A${LOG_MARKERS.forgedLine}`,
  `/articles/x%1B%5B31m`,
  '/articles/%0D%0ASet-Cookie:%20x=1',
  '/_next/image?url=%2F%5Cexample.invalid%2Fx.png&w=64&q=75',
  `/_next/image?url=%2Fx%0A${LOG_MARKERS.forgedLine}.png&w=64&q=75`,
  '/_next/image?url=%1B%5B31m&w=64&q=75',
  '/_next/image?url=https%3A%2F%2Fexample.invalid%2Fx.png&w=64&q=75',
  '/_next/image?url=%2Flogo.png&w=-1&q=1000',
  '/_next/image?url=%2F%2Fexample.invalid%2Fx.png&w=64&q=75',
  '/_next/data/x/y.json',
  '/sections/world?page=-1',
  '/sections/world?page=0',
  '/sections/world?page=1e309',
  '/sections/world?page=99999999999999999999999999',
  '/sections/world?page=NaN',
  '/sections/world?page=1&page=2',
  '/tags/russia?page=-99999',
  '/authors/amara-okafor?page=4294967296',
  '/?page=9007199254740993',
  '/sitemaps/424242.xml',
  '/sitemaps/-1.xml',
  '/sitemaps/1e9.xml',
  '/sitemaps/.xml',
  `/articles/${'a'.repeat(300)}`,
  `/articles/${'a'.repeat(5000)}`,
  `/articles/${'a'.repeat(9000)}`,
  `/tags/${'%41'.repeat(2000)}`,
  `/search?q=${'x'.repeat(7000)}`,
  `/search?${'a=1&'.repeat(1500)}`,
  '/search?q[]=1&q[a]=2',
  '/articles/trump-putin-call-no-ceasefire-progress/card.png?x=%FF',
  '/feed.xml?%%%',
  '/api/revalidate?secret=%FF',
  '*',
  'http://example.invalid/',
  '//example.invalid/',
  '/;/../etc/passwd',
  '/articles/%2F%2F',
  '/articles/\u202e',
];

const GOOD_PATHS = [
  '/',
  '/articles/trump-putin-call-no-ceasefire-progress',
  '/sections/world',
  '/tags/russia',
  '/authors/amara-okafor',
  '/feed.xml',
  '/sitemap.xml',
  '/api/revalidate',
  '/healthz',
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'TRACK', 'PROPFIND', 'FOO'];

/** Header sets, each a list of raw header lines (without the final blank line). */
const HEADER_SETS: string[][] = [
  [],
  ['Accept: */*', 'Accept-Encoding: gzip, br, zstd, *;q=0'],
  ['RSC: 1', 'Next-Router-State-Tree: %7B%22broken', 'Next-Router-Prefetch: 1'],
  ['Next-Action: 0000000000000000000000000000000000000000', 'Content-Type: text/plain;charset=UTF-8'],
  ['RSC: 1', 'Next-Router-State-Tree: %5B1%5D'],
  ['x-middleware-subrequest: middleware:middleware:middleware:middleware:middleware'],
  ['x-nextjs-data: 1', 'x-now-route-matches: %FF', 'x-invoke-path: /api/revalidate'],
  ['Host: example.invalid:99999'],
  ['Host: ' + 'h'.repeat(300)],
  ['Cookie: ' + 'c=1; '.repeat(400)],
  ['X-Big: ' + 'b'.repeat(20_000)],
  ['X-Forwarded-Host: evil.invalid', 'X-Forwarded-Proto: gopher'],
  ['Range: bytes=99999999-0'],
  ['If-None-Match: ' + '"x",'.repeat(500)],
  ['Authorization: Bearer %FF%00'],
  ['Accept-Language: ' + 'en;q=0.1,'.repeat(300)],
  [`User-Agent: fuzz${LOG_MARKERS.escape}red`],
  ['Transfer-Encoding: chunked', 'Content-Length: 5'],
  ['Content-Length: -1'],
  ['Bad Header Name: x'],
  ['X-Ctl: a\x01b'],
];

/** Raw request lines that are malformed at the protocol level. */
const BROKEN_PROTOCOL = [
  'GET / HTTP/9.9',
  'GET /  HTTP/1.1',
  'GET',
  'GET / HTTP/1.1 extra',
  '\x00\x01\x02\x03',
  'G\x00T / HTTP/1.1',
  'GET /\r HTTP/1.1',
  'CONNECT example.invalid:443 HTTP/1.1',
  'CONNECT 127.0.0.1:22 HTTP/1.1',
];

function requestBytes(method: string, target: string, headers: string[], withBody: boolean): Buffer {
  const body = withBody ? 'x=1' : '';
  const lines = [`${method} ${target} HTTP/1.1`];
  if (!headers.some((line) => /^host:/i.test(line))) lines.push('Host: localhost');
  lines.push(...headers, 'Connection: close');
  if (withBody && !headers.some((line) => /^(content-length|transfer-encoding):/i.test(line))) {
    lines.push(`Content-Length: ${body.length}`);
  }
  return Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}${body}`, 'latin1');
}

/** `count` malformed requests: every path with every method once, then random combinations. */
export function malformedRequests(count: number, seed = 14): Buffer[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const paths = [...TRAVERSAL, ...BAD_ENCODING, ...ODD_PATHS];
  const requests: Buffer[] = [];
  for (const line of BROKEN_PROTOCOL)
    requests.push(Buffer.from(`${line}${CRLF}Host: localhost${CRLF}${CRLF}`, 'latin1'));
  for (const path of paths) requests.push(requestBytes('GET', path, [], false));
  for (const method of METHODS)
    for (const path of GOOD_PATHS) requests.push(requestBytes(method, path, [], method !== 'GET' && method !== 'HEAD'));
  for (const headers of HEADER_SETS)
    for (const path of GOOD_PATHS.slice(0, 4)) requests.push(requestBytes('GET', path, headers, false));
  while (requests.length < count) {
    const method = next() < 0.6 ? 'GET' : pick(METHODS);
    const path = next() < 0.8 ? pick(paths) : pick(GOOD_PATHS);
    requests.push(requestBytes(method, path, pick(HEADER_SETS), method === 'POST' || method === 'PUT'));
  }
  return requests.slice(0, Math.max(count, requests.length));
}
