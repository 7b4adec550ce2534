// `npm run soak` (not part of CI): sustained mixed load on a production build, on loopback, to show
// that nothing leaks or fails over time. Builds if needed, makes its own database of synthetic
// articles, starts the server, then for --minutes (default 10) keeps --concurrency requests in
// flight over pages, feeds, sitemaps, search and misses (unknown slugs, tags, page numbers), while
// a seed adds and edits articles every --seed-every minutes. Prints a line per minute (requests,
// errors, resident memory of the server) and the memory growth after minute 2.
//   npm run soak -- --minutes 5 --concurrency 16 --articles 500
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfNeeded } from './lib/build';
import { freePort } from './lib/free-port';
import { SERVE_ARGS, SERVER_MALLOC_ENV } from './lib/site-process';
import { deployMigrations } from './migrate/index';
import { writeSyntheticContent } from './synthetic-articles';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    articles: { type: 'string', default: '500' },
    'seed-every': { type: 'string', default: '2' },
  },
});
const MINUTES = Number(values.minutes);
const CONCURRENCY = Number(values.concurrency);
const ARTICLES = Number(values.articles);
const SEED_EVERY_MS = Number(values['seed-every']) * 60_000;
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';

interface Minute {
  requests: number;
  errors: number;
  seeds: number;
  seedFailures: number;
  latencies: number[];
}
const newMinute = (): Minute => ({ requests: 0, errors: 0, seeds: 0, seedFailures: 0, latencies: [] });
const errorSamples = new Map<string, number>();

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The production server (server/main.ts), on the port given in env.PORT. */
function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, SERVE_ARGS, {
    // As `npm run serve` starts it, so the soak's memory is the production server's.
    env: { ...SERVER_MALLOC_ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilUp(origin: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${origin}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer at ${origin} within 60 s`);
}

/** One request of the mix: the URL and the status it must answer. */
function nextRequest(slugs: string[]): { url: string; expect: number } {
  const roll = Math.random();
  const slug = slugs[Math.floor(Math.random() * slugs.length)] ?? 'none';
  const word = ['harbour', 'council', 'festival', 'synthetic', 'bridge', 'zzzznothing'][Math.floor(Math.random() * 6)];
  const miss = Math.random().toString(36).slice(2, 10);
  if (roll < 0.3) return { url: `/articles/${slug}`, expect: 200 };
  if (roll < 0.4) return { url: '/', expect: 200 };
  if (roll < 0.5)
    return {
      url:
        ['/sections/world', '/sections/politics?page=2', '/tags/local-government'][Math.floor(Math.random() * 3)] ??
        '/',
      expect: 200,
    };
  if (roll < 0.6)
    return {
      url:
        ['/feed.xml', '/atom.xml', '/sections/world/feed.xml', '/news-sitemap.xml', '/sitemap.xml'][
          Math.floor(Math.random() * 5)
        ] ?? '/',
      expect: 200,
    };
  if (roll < 0.75) return { url: `/search?q=${word}`, expect: 200 };
  if (roll < 0.85) return { url: `/articles/no-such-${miss}`, expect: 404 };
  if (roll < 0.92) return { url: `/tags/no-such-${miss}`, expect: 404 };
  return { url: `/sections/world?page=${9000 + Math.floor(Math.random() * 1000)}`, expect: 404 };
}

function runSeed(env: NodeJS.ProcessEnv, contentDir: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'prisma/seed.ts', '--content', contentDir], {
      env: { ...env, CI: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ ok: code === 0 && !/SQLITE_BUSY/.test(output), output }));
  });
}

/** The slugs of the published articles (the generator makes some drafts, which answer 404). */
function publishedSlugs(contentDir: string): string[] {
  const dir = path.join(contentDir, 'articles');
  return readdirSync(dir)
    .filter((file) => /^status: published$/m.test(readFileSync(path.join(dir, file), 'utf8')))
    .map((file) => file.replace(/\.md$/, ''));
}

/** Edits one article and adds one, so each seed has real work and the site's caches must move. */
function changeContent(contentDir: string, slugs: string[], round: number): void {
  const file = path.join(contentDir, 'articles', `${slugs[round % slugs.length]}.md`);
  writeFileSync(file, `${readFileSync(file, 'utf8')}\nSoak round ${round} added this sentence.\n`);
  const slug = `soak-round-${round}`;
  writeFileSync(
    path.join(contentDir, 'articles', `${slug}.md`),
    `---\nslug: ${slug}\nheadline: "Soak round ${round} (synthetic)"\nsection: world\nstatus: published\npublishedAt: 2024-06-01T09:00\n---\n\nA fictional article added by the soak script.\n`,
  );
  slugs.push(slug);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'news-soak-'));
  const contentDir = path.join(dir, 'content');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `file:${path.join(dir, 'soak.db')}`,
    CONTENT_DIR: contentDir,
    PORT: String(port),
    SITE_URL: origin,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    REVALIDATE_SECRET: 'soak-secret-not-for-production-use',
  };
  let server: ChildProcess | undefined;
  try {
    await writeSyntheticContent(contentDir, { count: ARTICLES });
    await deployMigrations(env.DATABASE_URL ?? '');
    const first = await runSeed(env, contentDir);
    if (!first.ok) throw new Error(`the first seed failed:\n${first.output}`);
    console.log(`Build (${DIST_DIR}): ${await buildIfNeeded(DIST_DIR, env)}.`);
    server = startServer(env);
    const pid = server.pid;
    if (pid === undefined) throw new Error('the server did not start');
    await waitUntilUp(origin);
    const slugs = publishedSlugs(contentDir);

    console.log(
      `Soak: ${MINUTES} min, ${CONCURRENCY} in flight, ${ARTICLES} articles, a seed every ${SEED_EVERY_MS / 60_000} min, ${origin}`,
    );
    // The machine's 1-minute load average beside each minute: figures from a shared machine are only
    // comparable with others taken at the same load.
    console.log('minute  requests  req/s  errors  p50 ms  p99 ms  seeds (failed)  RSS MB  load');
    const started = Date.now();
    const end = started + MINUTES * 60_000;
    const minutes: Minute[] = [];
    let current = newMinute();
    const rss: number[] = [];
    let stopped = false;
    // Ends whatever is still in flight at the end, so the run stops on time.
    const stop = new AbortController();

    const worker = async () => {
      while (!stopped) {
        const { url, expect } = nextRequest(slugs);
        const t = performance.now();
        try {
          // A request still unanswered after this long counts as failed (a slow machine only slows).
          const response = await fetch(`${origin}${url}`, {
            signal: AbortSignal.any([AbortSignal.timeout(30_000), stop.signal]),
          });
          await response.arrayBuffer();
          if (response.status !== expect) {
            current.errors++;
            const key = `${response.status} ${url.replace(/[a-z0-9]{8}$/, '*')}`;
            errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
          }
        } catch (error) {
          if (stopped) return;
          current.errors++;
          const key = `${error instanceof Error ? error.name : 'error'} ${url}`;
          errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
        }
        current.requests++;
        current.latencies.push(performance.now() - t);
      }
    };
    const seeder = async () => {
      for (let round = 1; !stopped; round++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(SEED_EVERY_MS, Math.max(0, end - Date.now()))));
        if (stopped || Date.now() >= end) return;
        changeContent(contentDir, slugs, round);
        const result = await runSeed(env, contentDir);
        current.seeds++;
        if (!result.ok) {
          current.seedFailures++;
          console.error(`seed round ${round} failed:\n${result.output}`);
        }
      }
    };
    const reporter = async () => {
      for (let minute = 1; minute <= MINUTES; minute++) {
        await new Promise((resolve) => setTimeout(resolve, started + minute * 60_000 - Date.now()));
        const done = current;
        current = newMinute();
        minutes.push(done);
        const mb = residentMb(pid);
        rss.push(mb);
        const sorted = done.latencies.sort((a, b) => a - b);
        const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(0);
        console.log(
          [
            String(minute).padStart(6),
            String(done.requests).padStart(9),
            (done.requests / 60).toFixed(0).padStart(6),
            String(done.errors).padStart(7),
            at(0.5).padStart(7),
            at(0.99).padStart(7),
            `${done.seeds} (${done.seedFailures})`.padStart(15),
            mb.toFixed(0).padStart(7),
            (loadavg()[0] ?? 0).toFixed(1).padStart(5),
          ].join(' '),
        );
      }
      stopped = true;
      stop.abort();
    };
    const workers = Array.from({ length: CONCURRENCY }, worker);
    await Promise.all([reporter(), seeder()]);
    // A request the abort could not reach (a stalled socket) must not hold the report back.
    await Promise.race([Promise.all(workers), new Promise((resolve) => setTimeout(resolve, 5_000))]);

    const total = minutes.reduce((sum, m) => sum + m.requests, 0);
    const errors = minutes.reduce((sum, m) => sum + m.errors, 0);
    const seedFailures = minutes.reduce((sum, m) => sum + m.seedFailures, 0);
    console.log(`\nTotal: ${total} requests, ${errors} errors, ${seedFailures} failed seeds.`);
    for (const [key, count] of errorSamples) console.log(`  ${count} × ${key}`);
    const base = rss[1];
    const last = rss.at(-1);
    if (base !== undefined && last !== undefined && rss.length > 2) {
      const growth = ((last - base) / base) * 100;
      console.log(
        `Resident memory after minute 2: ${base.toFixed(0)} MB → ${last.toFixed(0)} MB at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%).`,
      );
    } else {
      console.log('Run 3 minutes or more to see memory growth after minute 2.');
    }
    if (errors > 0 || seedFailures > 0) process.exitCode = 1;
  } finally {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  // Whatever handle the server's sockets left open, the report is out: end here.
  () => process.exit(),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
