// SQLite vs PostgreSQL, same synthetic content, same build:
//   tsx scripts/postgres/bench-databases.ts [--count 2000] [--articles 150] [--rounds 5]
// For each database: migrate, seed `count` synthetic articles, start the production server
// (server/main.ts), then
//   - uncached article render: GET /articles/<slug> once for `articles` distinct slugs (each one a
//     cache miss, so Next renders it from the database), sequentially;
//   - search: GET /search?q=<word> for 10 words × `rounds` (search pages are never cached);
//   - the data layer alone, in this process: findArticle and findSearchResults for the same inputs.
// Prints medians and 90th percentiles in milliseconds. Figures move with the machine's load: compare
// the two columns of one run, not runs on different days. The load average is printed before and
// after.
// Cores: the server runs on core 1 (taskset), PostgreSQL and this process (the client) on core 0;
// start it as `taskset -c 0 npx tsx scripts/postgres/bench-databases.ts` to keep the client there.
// SQLite works inside the server's process, so on SQLite the server's core does the database's
// work too; PostgreSQL does it on core 0, as a database server on its own machine would.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../../lib/db';
import { findArticle } from '../../lib/data/queries';
import { findSearchResults } from '../../lib/data/search';
import { buildIfNeeded } from '../lib/build';
import { freePort } from '../lib/free-port';
import { runTs } from '../lib/run';
import { writeSyntheticContent } from '../synthetic-articles';
import { startPostgresCluster } from './cluster';
import { pinPostgres } from './pin';
import { SERVE_ARGS } from '../lib/site-process';

// The e2e build: it holds nothing read from the database (scripts/e2e.ts says why).
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-e2e';
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    articles: { type: 'string', default: '150' },
    rounds: { type: 'string', default: '5' },
  },
});
const COUNT = Number(values.count);
const ARTICLES = Number(values.articles);
const ROUNDS = Number(values.rounds);

type Figures = Record<string, { median: number; p90: number }>;

async function measure(databaseUrl: string, contentDir: string): Promise<Figures> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production' as const };
  await runTs('scripts/migrate.ts', ['deploy'], { env, stdio: 'ignore' });
  await runTs('prisma/seed.ts', ['--content', contentDir], { env, stdio: 'ignore' });
  // The build prerenders feeds from the database, so it needs one: the first measured.
  console.log(`Build (${DIST_DIR}): ${await buildIfNeeded(DIST_DIR, env)}`);
  const db = createPrismaClient(databaseUrl);
  const now = new Date();
  const slugs = (
    await db.article.findMany({ where: { status: 'PUBLISHED' }, select: { slug: true }, take: ARTICLES * 2 })
  ).map((row) => row.slug);
  const words = [
    ...new Set(
      (await db.article.findMany({ select: { headline: true }, take: 40 }))
        .flatMap((row) => row.headline.toLowerCase().split(/\W+/))
        .filter((word) => word.length > 4),
    ),
  ].slice(0, 10);

  const figures: Figures = {};
  figures['data layer: findArticle'] = await timeEach(slugs.slice(ARTICLES), (slug) => findArticle(db, now, slug));
  figures['data layer: search'] = await timeEach(repeat(words, ROUNDS), (word) => findSearchResults(db, now, word, 1));
  await db.$disconnect();

  const port = await freePort();
  const server = spawn('taskset', ['-c', '1', process.execPath, ...SERVE_ARGS], {
    env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1', SITE_URL: 'http://news.example' },
    stdio: 'ignore',
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    while ((await fetch(`${origin}/healthz`).catch(() => null))?.status !== 200) await sleep(200);
    figures['HTTP: uncached article'] = await timeEach(slugs.slice(0, ARTICLES), (slug) =>
      get(`${origin}/articles/${slug}`),
    );
    figures['HTTP: search page'] = await timeEach(repeat(words, ROUNDS), (word) =>
      get(`${origin}/search?q=${encodeURIComponent(word)}`),
    );
  } finally {
    server.kill('SIGTERM');
  }
  return figures;
}

async function get(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function timeEach<T>(
  inputs: T[],
  task: (input: T) => Promise<unknown>,
): Promise<{ median: number; p90: number }> {
  const times: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await task(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) =>
    Number((times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0).toFixed(2));
  return { median: at(0.5), p90: at(0.9) };
}

const repeat = <T>(items: T[], times: number): T[] => Array.from({ length: times }, () => items).flat();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-databases-'));
  const cluster = await startPostgresCluster();
  try {
    const contentDir = path.join(work, 'content');
    await writeSyntheticContent(contentDir, { count: COUNT });
    await pinPostgres(cluster.url, 0);
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(', ');
    console.log(`Load average before: ${load()}`);
    const postgres = await measure(cluster.url, contentDir);
    const sqlite = await measure(`file:${path.join(work, 'news.db')}`, contentDir);
    console.log(`Load average after: ${load()}`);
    console.log(`\n${COUNT} synthetic articles; milliseconds, median / p90\n`);
    console.log('| measure | SQLite | PostgreSQL |\n| --- | --- | --- |');
    for (const name of Object.keys(sqlite)) {
      const a = sqlite[name];
      const b = postgres[name];
      console.log(`| ${name} | ${a?.median} / ${a?.p90} | ${b?.median} / ${b?.p90} |`);
    }
  } finally {
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
