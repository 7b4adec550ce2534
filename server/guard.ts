// Rejects hostile or malformed requests before Next sees them, with a 4xx and the site's security
// headers. Each rule works around an upstream behaviour met on Next 16.4 (`next start`):
// - vercel/next.js#92527: a path with invalid percent-encoding or UTF-8 (`/articles/%FF`,
//   `/tags/%C0%AE`, `/articles/%ED%A0%80`, `/sitemaps/%FF.xml`) answers 500 before middleware runs,
//   with a stack trace in the log for each request;
// - vercel/next.js#78070: pages answer POST/PUT/DELETE/PATCH with 200 and the full page; TRACE answers
//   500 and logs a stack trace;
// - an RSC request (`RSC: 1`) whose `Next-Router-State-Tree` header is not the URI-encoded JSON array
//   Next expects answers 500 ("The router state header was sent but could not be parsed") with a
//   log line each, found by server/fuzz.test.ts;
// - `/_next/image?url=%2F%5Cexample.invalid%2Fx.png` (a backslash that some URL parsers read as a
//   second slash) answers 500, and the optimizer logs its `url` raw, so `%0A` forges a log line.
// Nothing here logs: a rejected request is the client's problem and must not let it write the log.
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
// Internal to Next (pinned in package.json): the exact check whose failure it answers with a 500.
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';
import { answerPlain, PLAIN_ANSWER_POLICY, type RequestStep } from './pipeline';
import { securityHeaders } from './security-headers';

/**
 * Longest request target accepted (8 KiB, nginx's default buffer for a request line): search text can be
 * long, and e2e/search.spec.ts expects a 6,000-character query to be answered. Node itself answers 431
 * past 16 KiB of headers.
 */
export const MAX_URL_LENGTH = 8192;

/** Paths that take a method other than GET and HEAD, and which. */
const WRITE_ROUTES: Record<string, readonly string[]> = {
  '/api/revalidate': ['POST'],
};

const READ_METHODS = ['GET', 'HEAD'];

// Control characters (C0, DEL, C1) have no place in a decoded path; NUL in particular truncates
// strings in C libraries. Backslash is not a path separator in URLs but some parsers treat it as one.
const FORBIDDEN_IN_PATH = /[\x00-\x1f\x7f-\x9f\\]/;

type Verdict = { status: 400 | 404 | 405 | 414; message: string; headers?: Record<string, string> } | null;

/** Decides what to do with a request from its method and raw target alone; null lets it through. */
export function judgeRequest(method: string, rawUrl: string): Verdict {
  if (rawUrl.length > MAX_URL_LENGTH) return { status: 414, message: 'URI Too Long' };
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { status: 400, message: 'Bad Request' };
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);

  const path = decode(rawPath);
  if (path === null || FORBIDDEN_IN_PATH.test(path)) return { status: 400, message: 'Bad Request' };

  const allowed = WRITE_ROUTES[path] ?? READ_METHODS;
  if (!allowed.includes(method)) {
    return { status: 405, message: 'Method Not Allowed', headers: { Allow: allowed.join(', ') } };
  }

  if (path === '/_next/image' && !isLocalImageSource(rawQuery)) return { status: 400, message: 'Bad Request' };
  return null;
}

/** decodeURIComponent, which rejects invalid escapes and invalid UTF-8 (overlong forms, surrogates). */
function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * The image optimizer is configured for this site's own images only (no remotePatterns): its `url`
 * must be a plain path on this host, decoded without control characters or backslashes.
 */
function isLocalImageSource(rawQuery: string): boolean {
  let url: string | null;
  try {
    url = new URLSearchParams(rawQuery).get('url');
  } catch {
    return false;
  }
  if (url === null) return true; // Next answers a missing url with its own 400.
  return url.startsWith('/') && !url.startsWith('//') && !FORBIDDEN_IN_PATH.test(url);
}

/**
 * The router state Next reads from a client navigation (URI-encoded JSON of a fixed shape), checked
 * with Next's own validator: Next throws, and answers 500, where this answers 400.
 */
export function judgeHeaders(headers: IncomingHttpHeaders): Verdict {
  try {
    parseAndValidateFlightRouterState(headers['next-router-state-tree']);
    return null;
  } catch {
    return { status: 400, message: 'Bad Request' };
  }
}

/** The request-flow step: answers hostile requests, passes the rest on. */
export function guardStep(): RequestStep {
  return (req, res, next) => {
    const verdict = judgeRequest(req.method ?? '', req.url ?? '') ?? judgeHeaders(req.headers);
    if (!verdict) return next();
    // The client may still be sending a body; do not read it, and do not keep the connection.
    res.setHeader('Connection', 'close');
    answerPlain(res, verdict.status, verdict.message, verdict.headers);
  };
}

/**
 * Requests that never reach the steps above get the same headers: those Node's parser rejects (bad
 * bytes in the request line or headers, headers too large), which Node would answer with a bare
 * status line, and CONNECT, which Node hands to a 'connect' listener or drops without an answer.
 */
export function guardRawRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this connection cannot be followed by another.
    if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const [status, reason] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'HPE_URI_TOO_LONG'
          ? [414, 'URI Too Long']
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout']
            : [400, 'Bad Request'];
    writeRawAnswer(socket, status, reason);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    writeRawAnswer(socket, 405, 'Method Not Allowed', [`Allow: ${READ_METHODS.join(', ')}`]);
  });
}

function writeRawAnswer(socket: Duplex, status: number, reason: string, extra: string[] = []): void {
  const body = `${reason}\n`;
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    ...securityHeaders.map(({ key, value }) => `${key}: ${value}`),
    `Content-Security-Policy: ${PLAIN_ANSWER_POLICY}`,
    'Content-Type: text/plain; charset=utf-8',
    'Cache-Control: no-store',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...extra,
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
