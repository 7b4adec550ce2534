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
  it('collects once after requests stop, not again until more requests came', async () => {
    const { server, origin } = await serve();
    let collections = 0;
    const stop = collectWhenIdle(server, 150, () => (collections += 1));
    try {
      await sleep(600);
      expect(collections).toBe(0);
      await Promise.all(['/a', '/b'].map(async (path) => (await fetch(`${origin}${path}`)).text()));
      await sleep(600);
      expect(collections).toBe(1);
      await (await fetch(`${origin}/c`)).text();
      await sleep(600);
      expect(collections).toBe(2);
    } finally {
      stop();
    }
  });

  it('frees the garbage of a burst with the real collection', async () => {
    const { server, origin } = await serve();
    let garbage: string[] = Array.from({ length: 200_000 }, (_, i) => `${'x'.repeat(40)}${i}`);
    expect(garbage).toHaveLength(200_000);
    garbage = [];
    const before = process.memoryUsage().heapUsed;
    const stop = collectWhenIdle(server, 40);
    try {
      await (await fetch(`${origin}/`)).text();
      await sleep(300);
      expect(process.memoryUsage().heapUsed).toBeLessThan(before);
    } finally {
      stop();
    }
  });
});
