import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { safeForLog } from './log-safe';
import { securityHeaders } from './security-headers';

/**
 * One step of the request flow. A step either answers the request itself or calls `next()` to pass
 * it on; a step that wants the final response (the response cache) can wrap `res` before calling
 * `next()` and read what the later steps wrote.
 *
 * `next()` returns nothing when the steps after it answered synchronously (a cached page), and a
 * promise otherwise: the hit path runs without promises, since each one created while Next's
 * AsyncLocalStorage is enabled costs a propagation hook (about a tenth of a hit's CPU when every step
 * was async: docs/performance.md, "A hit path without promises").
 */
export type RequestStep = (req: IncomingMessage, res: ServerResponse, next: PassOn) => Promise<void> | void;

/** What a step calls to pass the request to the steps after it. */
export type PassOn = () => Promise<void> | void;

/** The whole flow: a promise only when some step answers asynchronously. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Chains steps in order; the last step is the one that always answers (Next). */
export function composeSteps(steps: readonly RequestStep[]): RequestHandler {
  return (req, res) => {
    const run = (index: number): Promise<void> | void => {
      const step = steps[index];
      if (!step) {
        if (!res.headersSent) answerPlain(res, 404, 'Not Found');
        return;
      }
      return step(req, res, () => run(index + 1));
    };
    return run(0);
  };
}

/**
 * The listener node:http calls. A step that throws must not take the process down or hand the
 * reader a stack trace: answer 500 if nothing was sent yet, and log one line without client bytes.
 */
export function toRequestListener(handle: RequestHandler): RequestListener {
  return (req, res) => {
    const fail = (error: unknown) => {
      console.error(
        `Request failed (${safeForLog(req.method ?? '')} ${safeForLog(req.url ?? '', 200)}): ${describe(error)}`,
      );
      if (!res.headersSent) answerPlain(res, 500, 'Internal Server Error');
      else res.destroy();
    };
    try {
      handle(req, res)?.catch(fail);
    } catch (error) {
      // A step that fails before its first await throws here, not in a promise.
      fail(error);
    }
  };
}

function describe(error: unknown): string {
  return safeForLog(error instanceof Error ? (error.stack ?? error.message) : String(error), 2000);
}

/**
 * Headers for answers the server writes itself (guard, health): a plain-text body that runs nothing,
 * so the strictest policy fits.
 */
export const PLAIN_ANSWER_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A short plain-text answer with the site's security headers (next.config.js), as Next's own answers carry. */
export function answerPlain(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  for (const { key, value } of securityHeaders) res.setHeader(key, value);
  res.setHeader('Content-Security-Policy', PLAIN_ANSWER_POLICY);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
  const bytes = Buffer.from(`${body}\n`);
  res.setHeader('Content-Length', bytes.length);
  res.writeHead(status);
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}
