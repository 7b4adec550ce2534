import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { collectWhenIdle } from './idle-collection';

// A real node:http server; the collection itself is counted, not run.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => res.end('page'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('collectWhenIdle', () => {
  it('collects after a quiet window once the heap has grown, never while requests keep coming', async () => {
    const { server, origin } = await serve();
    let collections = 0;
    let used = 0;
    const stop = collectWhenIdle(server, {
      windowMs: 300,
      quietRequests: 2,
      growthBytes: 100,
      collect: () => {
        collections += 1;
        used = 10;
      },
      heapUsed: () => used,
    });
    try {
      await sleep(700);
      expect(collections).toBe(0);
      const until = Date.now() + 1200;
      while (Date.now() < until) {
        await (await fetch(`${origin}/busy`)).text();
        // The heap grows once the requests are coming: every window from there on is busy.
        if (Date.now() > until - 900) used = 500;
      }
      expect(collections).toBe(0);
      await sleep(800);
      expect(collections).toBe(1);
      await sleep(800);
      expect(collections).toBe(1);
      used = 200;
      await sleep(800);
      expect(collections).toBe(2);
    } finally {
      stop();
    }
  });

  it('frees the garbage of a burst with the real collection', async () => {
    const { server } = await serve();
    let garbage: string[] = Array.from({ length: 200_000 }, (_, i) => `${'x'.repeat(40)}${i}`);
    expect(garbage).toHaveLength(200_000);
    garbage = [];
    const before = process.memoryUsage().heapUsed;
    const stop = collectWhenIdle(server, { windowMs: 40, growthBytes: Number.NEGATIVE_INFINITY });
    try {
      await sleep(300);
      expect(process.memoryUsage().heapUsed).toBeLessThan(before);
    } finally {
      stop();
    }
  });
});
