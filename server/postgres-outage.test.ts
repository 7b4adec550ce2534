import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployMigrations } from '../scripts/migrate/index';
import { freePort } from '../scripts/lib/free-port';
import { runTs } from '../scripts/lib/run';
import { startPostgresCluster, type PostgresCluster } from '../scripts/postgres/cluster';
import { startReaderLoad } from '../tests/support/e2e/reader-load';
import {
  ensureBuild,
  killGroup,
  PROJECT_DIR,
  siteEnv,
  sleep,
  startServer,
  waitUntilReady,
  type SiteProcess,
} from '../tests/support/server/site';

// PostgreSQL stopped under load, then started again, with the real cluster (scripts/postgres/
// cluster.ts) and the site's own server as a separate process: readers keep getting cached pages
// (200) throughout, pages that need the database get the styled 503 while it is away, the process
// stays up, and it serves every page again once the database is back, with no restart. Times are
// printed, not asserted.

let cluster: PostgresCluster;
let site: SiteProcess;
let origin: string;

beforeAll(async () => {
  await ensureBuild();
  cluster = await startPostgresCluster();
  await deployMigrations(cluster.url);
  const env = { ...process.env, DATABASE_URL: cluster.url };
  await runTs('prisma/seed.ts', [], { env, cwd: PROJECT_DIR, stdio: 'ignore' });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  site = startServer(siteEnv({ url: cluster.url }, port));
  await waitUntilReady(site, port);
}, 300_000);

afterAll(async () => {
  if (site) {
    killGroup(site.pid);
    await site.exited;
  }
  await cluster?.stop();
});

async function timed(url: string): Promise<{ status: number; ms: number; body: string; headers: Headers }> {
  const started = performance.now();
  const response = await fetch(`${origin}${url}`, { signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  return { status: response.status, ms: Math.round(performance.now() - started), body, headers: response.headers };
}

async function until(url: string, wanted: (status: number) => boolean): Promise<number> {
  const started = performance.now();
  while (!wanted((await timed(url)).status)) {
    if (performance.now() - started > 60_000) throw new Error(`${url} never answered as wanted within 60 s`);
    await sleep(100);
  }
  return Math.round(performance.now() - started);
}

describe('PostgreSQL stopped while the site serves', () => {
  it('serves cached pages, a styled 503 for the rest, stays up, and recovers alone', async () => {
    const candidates = [
      '/',
      '/feed.xml',
      '/atom.xml',
      '/sitemap.xml',
      '/articles/trump-putin-call-no-ceasefire-progress',
    ];
    const cached: string[] = [];
    for (const url of candidates) if ((await timed(url)).status === 200) cached.push(url);
    expect(cached.length).toBeGreaterThan(2);

    // Cached pages must answer 200 all along; searches (never cached) 200, or 503 while it is away.
    const load = startReaderLoad({
      origin,
      urls: cached,
      connections: 16,
      expected: (url, status) => status === 200 || (url.startsWith('/search') && status === 503),
    });
    await sleep(1000);
    await cluster.halt();
    const noticedMs = await until('/healthz', (status) => status === 503);

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { status, ms, body, headers } = await timed(i % 2 ? `/search?q=outage+${i}` : `/articles/not-asked-${i}`);
      latencies.push(ms);
      expect(status).toBe(503);
      expect(headers.get('retry-after')).toMatch(/^\d+$/);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(body).toContain('<h1>Something went wrong</h1>');
      expect(body).toContain('class="site-title"');
    }
    const during = load.count();
    await sleep(1000);
    expect(load.count()).toBeGreaterThan(during);
    expect(site.child.exitCode).toBeNull();

    const restarted = performance.now();
    await cluster.resume();
    const startMs = Math.round(performance.now() - restarted);
    const recoveredMs = await until('/search?q=back', (status) => status === 200);
    expect((await timed('/articles/not-asked-0')).status).toBe(404);
    expect((await timed('/healthz')).status).toBe(200);
    const result = await load.stop();
    console.log(
      `PostgreSQL stopped under load: noticed in ${noticedMs} ms; uncached 503 in ${latencies.join(', ')} ms; ` +
        `cluster started again in ${startMs} ms, pages answered ${recoveredMs} ms later; readers: ` +
        `${result.requests} requests at ${result.perSecond.toFixed(0)}/s, ${result.failed} failed.`,
    );
    expect(result.failures).toEqual({});
    expect(site.child.exitCode).toBeNull();
    expect(site.log()).toContain('Database problem: the PostgreSQL database cannot be reached');
  }, 240_000);
});
