import { createHook } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardStep } from './guard';
import { healthStep } from './health';
import { composeSteps, toRequestListener, type RequestStep } from './pipeline';
import { ResponseCache } from './response-cache';
import { securityHeaders } from './security-headers';

// The request flow on a real node:http server: the steps server/main.ts puts before Next (guard,
// health, response cache), then a stand-in for Next that answers after an await, as Next does.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Serves `steps`; `onHandled` gets how many promises each request's synchronous part created. */
async function serve(steps: RequestStep[], onHandled: (promises: number) => void = () => {}): Promise<string> {
  const listener = toRequestListener(composeSteps(steps));
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') promises += 1;
    },
  });
  const server = createServer((req, res) => {
    promises = 0;
    hook.enable();
    try {
      listener(req, res);
    } finally {
      hook.disable();
    }
    onHandled(promises);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const page = `<!DOCTYPE html><html><body>${'<p>A paragraph of a story.</p>'.repeat(100)}</body></html>`;
const fakeNext: RequestStep = async (_req, res) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(page);
};

describe('the request flow', () => {
  it('answers a stored page without creating a promise, with the headers of the answer that stored it', async () => {
    const counts: number[] = [];
    const cache = new ResponseCache({ maxBytes: 1024 * 1024 });
    const origin = await serve(
      [guardStep(), healthStep({ check: async () => null, isDraining: () => false }), cache.step, fakeNext],
      (promises) => counts.push(promises),
    );
    const ask = () => fetch(`${origin}/articles/a-story`, { headers: { 'Accept-Encoding': 'gzip' } });
    const first = await ask();
    await ask();
    const third = await ask();

    expect([first.headers.get('x-cache'), third.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(await third.text()).toBe(await first.text());
    // The miss renders (promises); the first hit queues the page's best brotli (once per page);
    // every later hit is one synchronous pass through every step.
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[2]).toBe(0);
    const headersOf = (response: Response) =>
      Object.fromEntries([...response.headers].filter(([name]) => name !== 'date' && name !== 'x-cache'));
    expect(headersOf(third)).toEqual(headersOf(first));
    for (const { key, value } of securityHeaders) expect(third.headers.get(key)).toBe(value);
    expect(third.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(third.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers 500 for a step that throws before any await, and for one that rejects, and keeps serving', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const origin = await serve([
        (req, _res, next) => {
          if (req.url === '/throws') throw new Error('thrown at once');
          return next();
        },
        async (req, res) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (req.url === '/rejects') throw new Error('thrown after an await');
          res.end('fine');
        },
      ]);
      const statuses = [];
      for (const path of ['/throws', '/rejects', '/ok']) statuses.push((await fetch(`${origin}${path}`)).status);
      expect(statuses).toEqual([500, 500, 200]);
      expect(errors.join('\n')).toMatch(/GET \/throws.*thrown at once[\s\S]*GET \/rejects.*thrown after an await/);
    } finally {
      console.error = original;
    }
  });
});
