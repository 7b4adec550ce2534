// `npm run test:instances`: the site as several instances run it. PostgreSQL (a throwaway cluster) +
// Redis (a throwaway redis-server) + two production servers (server/main.ts) behind a small
// round-robin balancer. An editor's seed adds, changes and removes an article; a reader on each
// instance must see every change within 5 s, with nothing told to any instance but the database.
// Also checks that the instances share rendered pages through Redis. Exits non-zero on failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createClient } from 'redis';
import { articleFile, createContentFolder } from '../../tests/support/content-folder';
import { buildIfNeeded } from '../lib/build';
import { freePort } from '../lib/free-port';
import { runTs } from '../lib/run';
import { SERVE_ARGS } from '../lib/site-process';
import { startRedisServer } from '../redis/server';
import { startPostgresCluster } from './cluster';

const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-e2e-postgres';
const DEADLINE_MS = 5000;

async function main(): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const cluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const folder = createContentFolder({ first: articleFile({ slug: 'first', headline: 'The first story' }) });
    cleanups.push(() => folder.dispose());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: cluster.url,
      REDIS_URL: redis.url,
      CONTENT_DIR: folder.dir,
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      SITE_URL: 'http://news.example',
    };
    const seed = () => runTs('prisma/seed.ts', ['--content', folder.dir], { env, stdio: 'ignore' });
    await runTs('scripts/migrate.ts', ['deploy'], { env, stdio: 'ignore' });
    await seed();
    console.log(`Build (${DIST_DIR}): ${await buildIfNeeded(DIST_DIR, env)}`);

    const instances = await Promise.all([startInstance(env), startInstance(env)]);
    for (const instance of instances) cleanups.push(() => instance.stop());
    const balancer = await startBalancer(instances.map((instance) => instance.port));
    cleanups.push(() => new Promise<void>((resolve) => balancer.server.close(() => resolve())));
    const origins = instances.map((instance) => `http://127.0.0.1:${instance.port}`);
    console.log(`Instances on ${origins.join(', ')}; balancer on http://127.0.0.1:${balancer.port}`);

    // Shared cache: a page rendered through one instance is stored in Redis for the other.
    await expectOnEach([`http://127.0.0.1:${balancer.port}`], '/articles/first', 200, 'The first story');
    await expectSharedPages(redis.url);

    folder.write('articles/second.md', articleFile({ slug: 'second', headline: 'A second story' }));
    await seed();
    await expectOnEach(origins, '/articles/second', 200, 'A second story');
    await expectOnEach(origins, '/', 200, 'A second story');

    folder.write('articles/second.md', articleFile({ slug: 'second', headline: 'A second story, corrected' }));
    await seed();
    await expectOnEach(origins, '/articles/second', 200, 'A second story, corrected');

    folder.remove('articles/second.md');
    await seed();
    await expectOnEach(origins, '/articles/second', 404);
    await expectOnEach(origins, '/', 200, 'The first story', 'A second story');
    console.log('PASS: every change reached every instance within 5 s; pages were shared through Redis.');
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  }
}

interface Instance {
  port: number;
  stop(): Promise<void>;
}

async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, SERVE_ARGS, {
    env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const started = Date.now();
  while (!(await isHealthy(port))) {
    if (child.exitCode !== null || Date.now() - started > 120_000) {
      throw new Error(`An instance did not become healthy on port ${port}:\n${log.slice(-2000)}`);
    }
    await sleep(200);
  }
  return { port, stop: () => stopChild(child) };
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Round robin over the instances, the way a load balancer in front of them would. */
async function startBalancer(ports: number[]): Promise<{ server: Server; port: number }> {
  let next = 0;
  const server = createServer((req, res) => {
    const port = ports[next++ % ports.length];
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port };
}

/**
 * Polls `path` on every origin until it answers `status` (with `text` in the page, and not
 * `absent`). Fails when a request sent more than DEADLINE_MS after the seed still shows the old
 * content. What counts is when the request was sent, not how long the render took on a busy machine.
 */
async function expectOnEach(origins: string[], path: string, status: number, text?: string, absent?: string) {
  const start = performance.now();
  await Promise.all(
    origins.map(async (origin) => {
      for (;;) {
        const sent = performance.now();
        const response = await fetch(origin + path).catch(() => null);
        const body = response ? await response.text() : '';
        const ok = response?.status === status && (!text || body.includes(text)) && (!absent || !body.includes(absent));
        if (ok) {
          const seenAfter = Math.round(sent - start);
          console.log(`  ${origin}${path}: ${status}, seen by a request sent ${seenAfter} ms after the seed`);
          return;
        }
        if (sent - start > DEADLINE_MS) {
          throw new Error(
            `${origin}${path}: expected ${status}${text ? ` with "${text}"` : ''}; a request sent after 5 s still answered ${response?.status ?? 'nothing'}`,
          );
        }
        await sleep(100);
      }
    }),
  );
}

async function expectSharedPages(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    const keys = await client.keys('newsroom:page:*');
    if (keys.length === 0) throw new Error('No page was stored in Redis: the instances do not share their cache');
    console.log(`  Redis holds ${keys.length} shared cache entries`);
  } finally {
    await client.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`FAIL: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
