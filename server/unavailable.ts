import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy } from '../lib/site/content-security-policy.mjs';
import type { DatabaseState } from './database-monitor';
import type { PassOn, RequestStep } from './pipeline';
import { securityHeaders } from './security-headers';

// With the database away, readers get the site's error page with 503 and Retry-After, fast, and
// pages already cached keep answering 200. This step sits after the response cache (server/main.ts),
// so a cached page never reaches it.
// - While the database monitor (server/database-monitor.ts) finds the database unreachable, a
//   request that would need Next is answered here at once: no render, no query, no wait on a lock
//   (a SQLite busy wait blocks the whole event loop). Next's client router meets this 503 on a
//   client navigation and loads the page in full, which the response cache serves when it has it.
// - Otherwise the request goes to Next, and a 5xx it writes is held back: if a probe then finds the
//   database unreachable (the first requests after it went, before the monitor noticed), the reader
//   gets the same 503 instead; any other 5xx goes out as Next wrote it.
// The 503 says `Cache-Control: no-store`; the response cache and Next's cache handler store no
// status of 400 or more, so it is gone the moment the database is back.

/** Seconds a client or balancer is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

interface UnavailableOptions {
  /** The monitor's last answer, without waiting. */
  current: () => DatabaseState;
  /** A fresh answer (shared with probes in flight). */
  probe: () => Promise<DatabaseState>;
  /** The styled page, made once (unavailablePage). */
  html: string;
}

/** Paths Next answers from files, without the database: they pass even while it is away. */
const WITHOUT_DATABASE = /^\/_next\/static\//;

export function unavailableStep({ current, probe, html }: UnavailableOptions): RequestStep {
  const body = Buffer.from(html);
  return async (req, res, next) => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (WITHOUT_DATABASE.test(pathname)) return next();
    if (!current().reachable) return answerUnavailable(res, body);
    return holdServerErrors(res, next, async () => !(await probe()).reachable, body);
  };
}

/** The styled 503: the site's stylesheet, header and error notice, in one static document. */
export function answerUnavailable(res: ServerResponse, body: Buffer): void {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  for (const { key, value } of securityHeaders) res.setHeader(key, value);
  // The site's policy with no inline script allowed: this page runs none.
  res.setHeader('Content-Security-Policy', contentSecurityPolicy([]));
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.setHeader('Content-Length', body.length);
  res.writeHead(503);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

type Args = unknown[];

/**
 * Runs the rest of the flow; a response whose status is 500 or more is kept back in full, and once
 * it has ended `databaseDown()` decides: the 503 page, or what Next wrote, unchanged.
 */
async function holdServerErrors(
  res: ServerResponse,
  next: PassOn,
  databaseDown: () => Promise<boolean>,
  unavailableBody: Buffer,
): Promise<void> {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let held: { head: Args | null; writes: Args[] } | null = null;
  // Node's write() and end() set headers through writeHead(statusCode) when none were written:
  // checking the status before handing them on catches Next's implicit headers too.
  const holding = () => {
    if (!held && !res.headersSent && res.statusCode >= 500) held = { head: null, writes: [] };
    return held;
  };
  const withoutCallback = (args: Args) => {
    const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return args.filter((arg) => typeof arg !== 'function');
  };

  res.writeHead = function (status: number, ...rest: Args) {
    if (status >= 500 && !held && !res.headersSent) {
      res.statusCode = status;
      held = { head: [status, ...rest], writes: [] };
      return res;
    }
    return original.writeHead.apply(res, [status, ...rest] as Parameters<typeof res.writeHead>);
  } as typeof res.writeHead;
  res.write = function (...args: Args) {
    const hold = holding();
    if (!hold) return original.write.apply(res, args as Parameters<typeof res.write>);
    hold.writes.push(withoutCallback(args));
    return true;
  } as typeof res.write;
  res.end = function (...args: Args) {
    const hold = holding();
    if (!hold) return original.end.apply(res, args as Parameters<typeof res.end>);
    const last = withoutCallback(args);
    Object.assign(res, original);
    void databaseDown().then(
      (down) => release(down, hold, last),
      () => release(false, hold, last),
    );
    return res;
  } as typeof res.end;

  const release = (down: boolean, hold: { head: Args | null; writes: Args[] }, last: Args) => {
    if (res.destroyed) return;
    if (down) return answerUnavailable(res, unavailableBody);
    if (hold.head) res.writeHead(...(hold.head as Parameters<typeof res.writeHead>));
    for (const args of hold.writes) res.write(...(args as Parameters<typeof res.write>));
    res.end(...(last as Parameters<typeof res.end>));
  };

  const mine = { writeHead: res.writeHead, write: res.write, end: res.end };
  try {
    await next();
  } finally {
    // Put back only what is still ours: the step before (the response cache) may have finished and
    // restored its own by now, and must not get its wrappers back.
    for (const key of ['writeHead', 'write', 'end'] as const) {
      if (res[key] === mine[key]) Object.assign(res, { [key]: original[key] });
    }
  }
}

/**
 * The 503 document: the site's own stylesheets (from the build), its header with the site's name,
 * and the notice app/error.tsx shows, without script. Made once at start; it reads nothing per
 * request and reflects nothing a client sent.
 */
export function unavailablePage({
  distDir,
  siteName,
  lang,
}: {
  distDir: string;
  siteName: string;
  lang: string;
}): string {
  const links = stylesheets(distDir)
    .map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`)
    .join('');
  const name = escapeHtml(siteName);
  return [
    `<!DOCTYPE html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">',
    `<title>Temporarily unavailable | ${name}</title>${links}</head><body>`,
    `<header class="site-header"><div class="site-header__inner"><a href="/" class="site-title">${name}</a></div></header>`,
    '<main id="main"><div class="notice"><h1>Something went wrong</h1>',
    '<p>This page could not be loaded just now. Please try again in a moment.</p>',
    '<p><a href="">Try again</a></p></div></main></body></html>',
  ].join('');
}

/**
 * The root layout's stylesheets, as the build links them: read from the prerendered not-found page,
 * which is the root layout around a notice, as this page is.
 */
function stylesheets(distDir: string): string[] {
  let html: string;
  try {
    html = readFileSync(path.join(distDir, 'server', 'app', '_not-found.html'), 'utf8');
  } catch {
    return [];
  }
  const hrefs = [...html.matchAll(/<link rel="stylesheet" href="(\/_next\/static\/[^"?#]+\.css)"/g)].map(
    (match) => match[1]!,
  );
  return [...new Set(hrefs)];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
