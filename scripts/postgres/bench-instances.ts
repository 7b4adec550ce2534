// One instance vs two on PostgreSQL with a large archive (issue 9's measurement; not part of CI):
//   tsx scripts/postgres/bench-instances.ts [--articles 100000] [--seconds 10] [--misses 300]
//
// The archive is inserted straight into PostgreSQL with INSERT … SELECT generate_series: synthetic
// published articles with their HTML already rendered, spread over four sections and one author.
// That is not what the seed does (it reads, validates and renders files, about 126 articles a
// second today); it is the fastest way to a database of that size, and the pages read the same rows.
//
// Cores (a 2-core machine): PostgreSQL, nginx (the balancer, round robin over the instances) and the
// load generator (wrk) share core 0; instances run on core 1. Three layouts, in one run:
//   one instance on core 1 / two instances on core 1 (the same CPU, the load split by nginx) /
//   two instances, one on each core (the second shares core 0 with everything else).
// For each: uncached article renders (distinct slugs, each a miss rendered from the database),
// a cached article page, and search (never cached: full-text search on every request).
// Figures are ratios to the one-instance layout of the same run, which runs again at the end to show
// how far other work on the machine moved them; the load average is printed before and after. Start
// it as `taskset -c 0 npx tsx scripts/postgres/bench-instances.ts`: the uncached row's readers run in
// this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfNeeded } from '../lib/build';
import { freePort } from '../lib/free-port';
import { runLoad, type LoadResult } from '../lib/load';
import { ensureNginx, makeWorkDir, startNginx } from '../lib/nginx';
import { SERVE_ARGS } from '../lib/site-process';
import { deployMigrations } from '../migrate/index';
import { startPostgresCluster } from './cluster';
import { pinPostgres } from './pin';

const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-e2e';
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    misses: { type: 'string', default: '300' },
  },
});
const ARTICLES = Number(values.articles);
const SECONDS = Number(values.seconds);
const MISSES = Number(values.misses);
const WORDS = [
  'harbour',
  'council',
  'budget',
  'storm',
  'election',
  'festival',
  'railway',
  'hospital',
  'school',
  'bridge',
];

/** The synthetic archive, in SQL. Every row is a published article a reader can open and find. */
function archiveSql(count: number): string {
  const words = `ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}]`;
  return `
    INSERT INTO "Section" (slug, name, position) VALUES
      ('world', 'World', 0), ('politics', 'Politics', 1), ('business', 'Business', 2), ('sport', 'Sport', 3);
    INSERT INTO "Author" (slug, name, role) VALUES ('jane-roe', 'Jane Roe', 'Reporter');
    INSERT INTO "Article" (key, slug, headline, standfirst, body, "bodyHtml", "bodyText", "wordCount", status,
      "publishedAt", "updatedAt", "contentHash", "sectionId")
    SELECT slug, slug, headline, standfirst, body, '<p>' || body || '</p>', body, 60, 'PUBLISHED',
      at, at, md5(slug), 1 + i % 4
    FROM generate_series(1, ${count}) AS i,
      LATERAL (SELECT 'bench-' || lpad(i::text, 6, '0') AS slug,
        now() - make_interval(mins => i) AS at,
        (${words})[1 + i % 10] AS a, (${words})[1 + (i / 10) % 10] AS b, (${words})[1 + (i / 100) % 10] AS c) w,
      LATERAL (SELECT 'Story ' || i || ': the ' || a || ' and the ' || b AS headline,
        'What the ' || c || ' means for the ' || a || '.' AS standfirst,
        repeat('The ' || a || ' was discussed at length by the ' || b || ' committee, who said the ' || c ||
          ' would follow. ', 4) || 'Story number ' || i || ' ends here.' AS body) t;
    INSERT INTO "ArticleAuthor" ("articleId", "authorId", position) SELECT id, 1, 0 FROM "Article";
    INSERT INTO "ContentState" (id, version, "changedAt") VALUES (1, 1, now());
    ANALYZE;`;
}

async function sql(url: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

interface Instance {
  port: number;
  child: ChildProcess;
}

async function startInstance(url: string, core: number): Promise<Instance> {
  const port = await freePort();
  const child = spawn('taskset', ['-c', String(core), process.execPath, ...SERVE_ARGS], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      NEXT_DIST_DIR: DIST_DIR,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      SITE_URL: 'http://news.example',
      REVALIDATE_SECRET: 'a-bench-secret-of-enough-length',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 120_000;
  while ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status !== 200) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`instance on core ${core} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { port, child };
}

/** Requests each path once with `readers` requests in flight; the rate over the whole batch. */
async function missesFrom(origin: string, paths: string[], readers: number): Promise<LoadResult> {
  const queue = [...paths];
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: readers }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const start = performance.now();
        const response = await fetch(`${origin}${next}`).catch(() => null);
        await response?.arrayBuffer();
        if (response?.status !== 200) errors++;
        times.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0;
  return { requests: paths.length, reqPerSec: paths.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), errors };
}

function nginxConfig(work: ReturnType<typeof makeWorkDir>, listen: number, backends: number[]): string {
  return `${work.preamble(1)}
http {
  ${work.httpPaths}
  access_log off;
  upstream site {
    ${backends.map((port) => `server 127.0.0.1:${port};`).join('\n    ')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://site;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }
}
`;
}

type Row = Record<'uncached article' | 'cached article' | 'search', LoadResult>;

async function measureLayout(url: string, cores: number[], firstMiss: number, workDir: string): Promise<Row> {
  const instances: Instance[] = [];
  const listen = await freePort();
  const work = makeWorkDir('bench-instances');
  try {
    for (const core of cores) instances.push(await startInstance(url, core));
    const nginx = await startNginx(
      work,
      nginxConfig(
        work,
        listen,
        instances.map((instance) => instance.port),
      ),
      { prefix: ['taskset', '-c', '0'], listen },
    );
    try {
      const origin = `http://127.0.0.1:${listen}`;
      const load = (pathOrPaths: string | string[], connections: number) =>
        runLoad('wrk', {
          url: `${origin}${typeof pathOrPaths === 'string' ? pathOrPaths : '/'}`,
          paths: typeof pathOrPaths === 'string' ? undefined : pathOrPaths,
          connections,
          durationSeconds: typeof pathOrPaths === 'string' ? SECONDS : 120,
          prefix: ['taskset', '-c', '0'],
          workDir,
        });
      const slug = (n: number) => `/articles/bench-${String(n).padStart(6, '0')}`;
      // Warm each instance directly (first renders load modules), and put the cached page in each
      // one's cache, so the cached row measures hits on every instance.
      for (const { port } of instances) {
        const get = (pathname: string) => fetch(`http://127.0.0.1:${port}${pathname}`).then((r) => r.text());
        for (let n = 1; n <= 10; n++) await get(slug(ARTICLES - n));
        await get(slug(ARTICLES));
        for (let n = 0; n < 3; n++) await get('/search?q=storm');
      }
      // Distinct slugs, each requested once: every request is a miss rendered from the database.
      // Four readers in this process (wrk's script can stop a thread, not the run, before -d ends).
      const misses = Array.from({ length: MISSES }, (_, index) => slug(firstMiss + index));
      const uncached = await missesFrom(origin, misses, 4);
      const cached = await load(slug(ARTICLES), 32);
      const search = await load('/search?q=harbour+storm', 8);
      return { 'uncached article': uncached, 'cached article': cached, search };
    } finally {
      await nginx.stop();
    }
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

const uptime = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

async function main(): Promise<void> {
  await ensureNginx();
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-instances-'));
  const cluster = await startPostgresCluster();
  try {
    const url = Object.assign(new URL(cluster.url), { pathname: '/bench' }).toString();
    await sql(cluster.url, 'CREATE DATABASE bench');
    await deployMigrations(url);
    let started = Date.now();
    await sql(url, archiveSql(ARTICLES));
    console.log(`${ARTICLES} articles inserted in ${((Date.now() - started) / 1000).toFixed(1)} s (SQL, not the seed)`);
    await pinPostgres(cluster.url, 0);
    console.log(`Build (${DIST_DIR}): ${await buildIfNeeded(DIST_DIR, { ...process.env, DATABASE_URL: url })}`);

    console.log(`Load average before: ${uptime()}`);
    started = Date.now();
    // The one-instance layout runs first and again last: the two show how far the machine's other
    // load moved the figures during the run.
    const layouts: [string, number[]][] = [
      ['one instance (core 1)', [1]],
      ['two instances (both on core 1)', [1, 1]],
      ['two instances (cores 1 and 0)', [1, 0]],
      ['one instance again (core 1)', [1]],
    ];
    const results: [string, Row][] = [];
    for (const [index, [name, cores]] of layouts.entries()) {
      results.push([name, await measureLayout(url, cores, 1 + index * MISSES, workDir)]);
      console.log(`measured: ${name}`);
    }
    console.log(`Load average after: ${uptime()} (${Math.round((Date.now() - started) / 1000)} s of measuring)`);

    const reference = results[0]![1];
    console.log(`\n${ARTICLES} articles on PostgreSQL; req/s (ratio to one instance), p50 / p99 ms, errors\n`);
    console.log('| layout | uncached article | cached article | search |\n| --- | --- | --- | --- |');
    for (const [name, row] of results) {
      const cells = (Object.keys(row) as (keyof Row)[]).map((key) => {
        const r = row[key];
        const ratio = r.reqPerSec / reference[key].reqPerSec;
        return `${r.reqPerSec.toFixed(0)} (${ratio.toFixed(2)}×), ${r.p50Ms.toFixed(1)} / ${r.p99Ms.toFixed(1)}, ${r.errors}`;
      });
      console.log(`| ${name} | ${cells.join(' | ')} |`);
    }
  } finally {
    await cluster.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
