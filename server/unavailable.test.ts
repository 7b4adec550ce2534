import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseState } from './database-monitor';
import { composeSteps, toRequestListener, type RequestStep } from './pipeline';
import { unavailablePage, unavailableStep } from './unavailable';

// The 503 step on a real HTTP server, with a stand-in for Next that answers 200 or fails with 500.

let server: Server | undefined;
afterEach(() => server?.close());

const UP: DatabaseState = { reachable: true, problem: null };
const DOWN: DatabaseState = { reachable: false, problem: 'gone' };

async function serve(state: { now: DatabaseState; probe: DatabaseState }, calls: string[]): Promise<string> {
  const html = unavailablePage({ distDir: '/nonexistent', siteName: 'The <Daily> Ledger', lang: 'en-GB' });
  const next: RequestStep = (req, res) => {
    calls.push(req.url ?? '');
    const failing = req.url?.startsWith('/fail');
    res.statusCode = failing ? 500 : 200;
    res.setHeader('Content-Type', 'text/html');
    res.write('<p>');
    res.end(failing ? 'Next error page</p>' : 'page</p>');
  };
  const handle = composeSteps([
    unavailableStep({ current: () => state.now, probe: async () => state.probe, html }),
    next,
  ]);
  server = createServer(toRequestListener(handle));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('unavailableStep', () => {
  it('answers the styled 503 at once, without Next, while the database is unreachable', async () => {
    const calls: string[] = [];
    const origin = await serve({ now: DOWN, probe: DOWN }, calls);
    const response = await fetch(`${origin}/sections/world`);
    const body = await response.text();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(body).toContain('<h1>Something went wrong</h1>');
    expect(body).toContain('The &#60;Daily&#62; Ledger');
    expect(calls).toEqual([]);
    expect((await fetch(`${origin}/_next/static/chunks/a.css`)).status).toBe(200);
  });

  it("turns Next's 500 into the 503 when a probe finds the database gone", async () => {
    const origin = await serve({ now: UP, probe: DOWN }, []);
    const response = await fetch(`${origin}/fail`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Something went wrong');
  });

  it("passes Next's 500 on unchanged when the database is fine, and 200s untouched", async () => {
    const origin = await serve({ now: UP, probe: UP }, []);
    const failed = await fetch(`${origin}/fail`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('<p>Next error page</p>');
    const ok = await fetch(`${origin}/page`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('<p>page</p>');
  });
});
