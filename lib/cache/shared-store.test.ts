import { spawnSync } from 'node:child_process';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../scripts/redis/server';
import { closeSharedStore, sharedGet, sharedSet, sharedStoreStats, setSharedNamespace } from './shared-store.mjs';

// The store instances share behind Next's cache handler, against a real redis-server: what one
// instance stores another finds; a new content version is a new namespace; and Redis going away
// costs misses, never errors, with sharing back by itself when Redis returns.

let redis: RedisServer;
const page = (html: string) => ({
  value: {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc:${html}`),
    segmentData: new Map([['/a', Buffer.from('seg')]]),
  },
  lastModified: 1,
  cacheControl: { revalidate: false },
});

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200 && !(await condition()); tries++) await new Promise((r) => setTimeout(r, 50));
  expect(await condition()).toBe(true);
}

beforeAll(async () => {
  redis = await startRedisServer();
  process.env.REDIS_URL = redis.url;
  setSharedNamespace('v1');
  await until(() => sharedStoreStats().up);
});

afterAll(async () => {
  await closeSharedStore();
  await redis.stop();
  delete process.env.REDIS_URL;
});

describe('the shared page store', () => {
  it('stores a page in Redis under the content namespace, Buffers and Maps intact', async () => {
    await sharedSet('/articles/a', page('<p>A</p>'));
    const other = createClient({ url: redis.url });
    await other.connect();
    expect(await other.exists('newsroom:page:v1:/articles/a')).toBe(1);
    await other.close();
    const found = await sharedGet('/articles/a');
    expect(found?.value.html).toBe('<p>A</p>');
    expect(Buffer.isBuffer(found?.value.rscData)).toBe(true);
    expect(found?.value.rscData.toString()).toBe('rsc:<p>A</p>');
    expect(found?.value.segmentData.get('/a').toString()).toBe('seg');
  });

  it('finds nothing from an older content version', async () => {
    setSharedNamespace('v2');
    expect(await sharedGet('/articles/a')).toBeNull();
    await sharedSet('/articles/a', page('<p>A, changed</p>'));
    expect((await sharedGet('/articles/a'))?.value.html).toBe('<p>A, changed</p>');
  });

  it('answers misses without errors while Redis is down, and shares again when it returns', async () => {
    await redis.stop();
    await until(() => !sharedStoreStats().up);
    expect(await sharedGet('/articles/a')).toBeNull();
    await expect(sharedSet('/articles/b', page('<p>B</p>'))).resolves.toBeUndefined();

    redis = await startRedisServer(redis.port);
    await until(() => sharedStoreStats().up);
    await sharedSet('/articles/b', page('<p>B</p>'));
    expect((await sharedGet('/articles/b'))?.value.html).toBe('<p>B</p>');
  });
});

describe('an instance without Redis', () => {
  // A child Node whose module hooks fail any import of 'redis', saying so on stderr: the store must
  // not load the client's modules (about 5 MiB of heap) unless REDIS_URL asks for Redis.
  function loadsRedisClient(env: Record<string, string>): boolean {
    const hooks = `export async function resolve(specifier, context, next) {
      if (specifier === 'redis') throw new Error('the Redis client was loaded');
      return next(specifier, context);
    }`;
    const register = `import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
    const store = new URL('./shared-store.mjs', import.meta.url).href;
    const script = `const store = await import(${JSON.stringify(store)});
      store.setSharedNamespace('v1');
      await store.closeSharedStore();`;
    const rest = { ...process.env };
    delete rest.REDIS_URL;
    const child = spawnSync(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script],
      { env: { ...rest, ...env }, encoding: 'utf8' },
    );
    expect(child.status).toBe(0);
    return child.stderr.includes('the Redis client was loaded');
  }

  it('never loads the Redis client, and does when REDIS_URL is set', () => {
    expect(loadsRedisClient({})).toBe(false);
    expect(loadsRedisClient({ REDIS_URL: 'redis://127.0.0.1:1' })).toBe(true);
  });
});
