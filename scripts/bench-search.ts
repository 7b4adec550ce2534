// Search, sequential requests, on the bench's corpora (`npm run bench` makes them under .tmp/bench):
// the figures issue 8 asks for (p95 at 100,000 articles, and 100,000 against 1,000) for a repeated
// query and for queries never asked before, with the server's CPU per request.
//
//   npm run bench:search -- [--corpus 1000,100000] [--requests 200] [--dist .next]
//
// Each corpus gets its own server (server/main.ts on the corpus's database, as the bench serves a
// grown corpus), both pinned to core 0 and this client to core 1 when taskset exists; the rows of the
// corpora alternate, so a load that comes and goes falls on both. Two rounds: with search pages never
// stored (RESPONSE_CACHE_SEARCH_ENTRIES=0: every request renders), then as configured by default.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from './lib/free-port';
import { startSite, type RunningSite } from './lib/site-process';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const corpora = option('corpus', '1000,100000').split(',').map(Number);
const requests = Number(option('requests', '200'));
const distDir = option('dist', process.env.NEXT_DIST_DIR || '.next');
// The bench's corpora, where `npm run bench` keeps them (BENCH_WORK_DIR, as scripts/bench.ts reads it).
const WORK_DIR = path.resolve(process.env.BENCH_WORK_DIR || '.tmp/bench');
const BASE = path.join(WORK_DIR, 'corpus-1000');

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return cpus().length > 1;
  } catch {
    return false;
  }
})();

/** Words of the corpus's own texts, each once, in a fixed random order (the texts repeat every 1,000 articles). */
function corpusWords(count: number): string[] {
  const db = new Database(path.join(BASE, 'news.db'), { readonly: true });
  const texts = db.prepare(`SELECT "bodyText" AS text FROM "Article" WHERE "status" = 'PUBLISHED'`).all() as {
    text: string;
  }[];
  db.close();
  const words = new Set<string>();
  for (const { text } of texts) for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) words.add(word);
  words.delete('');
  words.delete('harbour');
  const list = [...words].sort();
  // mulberry32: the same sample on every run.
  let seed = 20261128;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as string, list[i] as string];
  }
  return list.slice(0, count);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(origin: string, pathname: string): Promise<{ ms: number; status: number; cache: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(`${origin}${pathname}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          ms: performance.now() - started,
          status: response.statusCode ?? 0,
          cache: String(response.headers['x-cache'] ?? '-'),
        }),
      );
    });
    request.on('error', reject);
  });
}

/** User + system CPU of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

async function row(site: RunningSite, paths: string[]) {
  const times: number[] = [];
  const caches = new Map<string, number>();
  const cpuBefore = cpuMs(site.pid);
  for (const pathname of paths) {
    const { ms, status, cache } = await get(site.origin, pathname);
    if (status !== 200) throw new Error(`${pathname} answered ${status}`);
    times.push(ms);
    caches.set(cache, (caches.get(cache) ?? 0) + 1);
  }
  const cpu = (cpuMs(site.pid) - cpuBefore) / paths.length;
  times.sort((a, b) => a - b);
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
    cpu,
    cache: [...caches].map(([name, n]) => `${name} ${n}`).join(', '),
  };
}

async function start(count: number, searchEntries: string | undefined): Promise<RunningSite> {
  const database = path.join(WORK_DIR, `corpus-${count}`, 'news.db');
  if (!existsSync(database)) throw new Error(`${database} is missing: run npm run bench -- --corpus ${count} first`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `file:${database}`,
    CONTENT_DIR: path.join(BASE, 'content'),
    SITE_URL: `http://127.0.0.1:${port}`,
    REVALIDATE_SECRET: randomBytes(24).toString('base64url'),
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (searchEntries === undefined) delete env.RESPONSE_CACHE_SEARCH_ENTRIES;
  else env.RESPONSE_CACHE_SEARCH_ENTRIES = searchEntries;
  return startSite({ port, env, entry: 'server/main.ts', prefix: hasTaskset ? ['taskset', '-c', '0'] : [] });
}

const fmt = (n: number) => n.toFixed(1).padStart(7);

async function main(): Promise<void> {
  if (hasTaskset) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const words = corpusWords(requests);
  const counts = new Map<string, number>();
  {
    const db = new Database(path.join(BASE, 'news.db'), { readonly: true });
    const count = db.prepare(`SELECT count(*) AS n FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ?`);
    for (const word of [...words, 'harbour']) counts.set(word, (count.get(`"${word}"`) as { n: number }).n);
    db.close();
  }
  const common = words.filter((word) => (counts.get(word) ?? 0) >= 100);
  console.log(
    `${requests} distinct words of the corpus's texts: ${common.length} in 10% or more of the articles ` +
      `(${common.join(', ')}), ${words.filter((word) => (counts.get(word) ?? 0) < 10).length} in under 1%; ` +
      `'harbour' in ${(((counts.get('harbour') ?? 0) / 1000) * 100).toFixed(1)}%.`,
  );
  console.log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}; pinned: ${hasTaskset}`,
  );
  console.log('row | corpus | p50 ms | p95 ms | p99 ms | server CPU ms/request | X-Cache');
  for (const [round, entries] of [
    ['search pages never stored', '0'],
    ['default (stored when asked twice)', undefined],
  ] as const) {
    const sites = new Map<number, RunningSite>();
    try {
      for (const count of corpora) sites.set(count, await start(count, entries));
      const rows: [string, (site: RunningSite) => Promise<string[]>][] = [
        [
          `${round}: 'harbour', page 1, asked ${requests} times`,
          async (site) => {
            // Two asks first: the second stores it where search pages are stored.
            await get(site.origin, '/search?q=harbour');
            await get(site.origin, '/search?q=harbour');
            return Array.from({ length: requests }, () => '/search?q=harbour');
          },
        ],
        [`${round}: ${requests} distinct words, each asked once`, async () => words.map((w) => `/search?q=${w}`)],
        [
          `${round}: ${requests} distinct words matching nothing, each once`,
          async () => words.map((w) => `/search?q=${w}zqx`),
        ],
      ];
      for (const [label, paths] of rows) {
        for (const [count, site] of sites) {
          const result = await row(site, await paths(site));
          console.log(
            `${label} | ${count} | ${fmt(result.p50)} | ${fmt(result.p95)} | ${fmt(result.p99)} | ${fmt(result.cpu)} | ${result.cache}`,
          );
        }
      }
    } finally {
      for (const site of sites.values()) await site.stop();
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  agent.destroy();
}

await main();
