import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { safeForLog } from './log-safe';
import { securityHeaders } from './security-headers';

/**
 * One step of the request flow. A step either answers the request itself or calls `next()` to pass
 * it on; a step that wants the final response (the response cache) can wrap `res` before calling
 * `next()` and read what the later steps wrote.
 */
export type RequestStep = (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => Promise<void>,
) => Promise<void> | void;

/** Chains steps in order; the last step is the one that always answers (Next). */
export function composeSteps(
  steps: readonly RequestStep[],
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return (req, res) => {
    const run = async (index: number): Promise<void> => {
      const step = steps[index];
      if (!step) {
        if (!res.headersSent) answerPlain(res, 404, 'Not Found');
        return;
      }
      await step(req, res, () => run(index + 1));
    };
    return run(0);
  };
}

/**
 * The listener node:http calls. A step that throws must not take the process down or hand the
 * reader a stack trace: answer 500 if nothing was sent yet, and log one line without client bytes.
 */
export function toRequestListener(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): RequestListener {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(
        `Request failed (${safeForLog(req.method ?? '')} ${safeForLog(req.url ?? '', 200)}): ${describe(error)}`,
      );
      if (!res.headersSent) answerPlain(res, 500, 'Internal Server Error');
      else res.destroy();
    });
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
