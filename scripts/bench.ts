// `npm run bench`: how many pages per second the site serves, against ceilings measured in the same
// run. Starts the site as `npm start` does (migrate, seed, build if needed) on a synthetic corpus, and loads it with wrk from
// a separate process: server (and nginx) pinned to core 0, load generator to core 1.
//   npm run bench -- [--corpus 1000,100000] [--duration 10] [--warmup 3] [--connections 32,1]
//                    [--growth-pairs 5] [--growth-duration 3]
//                    [--front-pairs 3] [--front-duration 3] [--front-targets 'article,front page,section,feed' | all]
// Prints one table and saves it with the run's facts as JSON under bench/results/.
// docs/performance.md explains the rows and how to read them.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nginxStaticConfig, startNodeCeiling, writeArticleFiles, type Stoppable } from './lib/ceilings';
import { freePort } from './lib/free-port';
import { compareGrowth, printGrowth, type GrowthComparison, type GrowthSite } from './lib/growth-run';
import { frontConfig } from './lib/front-config';
import { DEFAULT_FRONT_TARGETS } from './lib/front-pairs';
import { compareFront, printFront, type FrontComparison } from './lib/front-pairs-run';
import { ensureLoadTool, runLoad, type LoadResult, type LoadTool } from './lib/load';
import { makeWorkDir, startNginx } from './lib/nginx';
import { treeRssMiB } from './lib/process-tree';
import { runTs } from './lib/run';
import { cpuTicks, drained, idle } from './lib/settle';
import { startSite, type RunningSite } from './lib/site-process';
import { cloneCorpusDatabase } from './lib/synthetic-sql';
import { writeSyntheticContent } from './synthetic-articles';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32,1' },
    // Corpora above this size are grown from the seeded base corpus with SQL (scripts/lib/synthetic-sql.ts).
    'sql-above': { type: 'string', default: '10000' },
    // With two corpora or more, the growth pages are measured again at the end in alternation
    // between the first corpus's server and each other's (scripts/lib/growth.ts); 0 pairs: not.
    'growth-pairs': { type: 'string', default: '5' },
    'growth-duration': { type: 'string', default: '3' },
    // After each corpus's rows, its pages behind the front are measured again in alternation with
    // nginx static (scripts/lib/front-pairs.ts); 0 pairs: not. Targets by the table's names, or all.
    'front-pairs': { type: 'string', default: '3' },
    'front-duration': { type: 'string', default: '3' },
    'front-targets': { type: 'string', default: DEFAULT_FRONT_TARGETS.join(',') },
  },
});
const sqlAbove = Number(values['sql-above']);
/** The corpus that larger, SQL-grown ones are cloned from: written and seeded the ordinary way. */
const BASE_CORPUS = 1000;
const corpora = (values.corpus ?? '').split(',').map(Number);
const connectionCounts = (values.connections ?? '').split(',').map(Number);
const durationSeconds = Number(values.duration);
const warmupSeconds = Number(values.warmup);
const growthPairs = Number(values['growth-pairs']);
const growthSeconds = Number(values['growth-duration']);
const frontPairs = Number(values['front-pairs']);
const frontSeconds = Number(values['front-duration']);
const frontTargetNames = values['front-targets'] === 'all' ? 'all' : (values['front-targets'] ?? '').split(',');
/** The pages discover() measures, by name (the sitemap child only where the sitemap has children). */
const PAGE_NAMES = [
  'article',
  'article history',
  'corrections',
  'front page',
  'section',
  'tag',
  'feed',
  'sitemap',
  'sitemap child',
  'search',
];
// A misspelt page would otherwise be skipped silently, found out only at the end of a long run.
const unknownPages = frontTargetNames === 'all' ? [] : frontTargetNames.filter((name) => !PAGE_NAMES.includes(name));
if (unknownPages.length > 0)
  console.error(`No such page: ${unknownPages.join(', ')} (pages: ${PAGE_NAMES.join(', ')}).`);
if (
  [...corpora, ...connectionCounts, durationSeconds, growthSeconds, frontSeconds].some(
    (n) => !Number.isInteger(n) || n <= 0,
  ) ||
  [growthPairs, frontPairs].some((n) => !Number.isInteger(n) || n < 0) ||
  unknownPages.length > 0
) {
  console.error(
    'Usage: npm run bench -- [--corpus 1000,100000] [--duration 10] [--warmup 3] [--connections 32,1] ' +
      "[--growth-pairs 5] [--growth-duration 3] [--front-pairs 3] [--front-duration 3] [--front-targets 'article,feed' | all]",
  );
  process.exit(2);
}
/** The growth section needs every corpus's server still running once all rows are measured. */
const measureGrowth = corpora.length >= 2 && growthPairs > 0;

const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const WORK_DIR = path.resolve(process.env.BENCH_WORK_DIR || '.tmp/bench');
// Pinning needs two cores and taskset; without them the figures are still printed, marked unpinned.
const cores = availableParallelism();
const pinned = cores >= 2 && existsSync('/usr/bin/taskset');
const SERVER_CPU = pinned ? ['taskset', '-c', '0'] : [];
const LOAD_CPU = pinned ? ['taskset', '-c', '1'] : [];
const GZIP = { 'Accept-Encoding': 'gzip' };

type Via = 'node:http' | 'nginx static' | 'server' | 'front';
interface Row extends LoadResult {
  corpus: number | null;
  via: Via;
  target: string;
  path: string;
  encoding: 'plain' | 'gzip';
  connections: number;
  /** Resident memory of whatever served the row (server: start.ts and its children), after it. */
  rssMiB: number;
  shareOfNode?: number;
  shareOfNginx?: number;
}

const rows: Row[] = [];
let loadTool: LoadTool = 'wrk';
const cleanups: (() => Promise<void>)[] = [];

async function measure(
  base: Omit<Row, keyof LoadResult | 'rssMiB' | 'connections'>,
  origin: string,
  rss: () => number,
  options: { paths?: string[]; warm?: boolean; pid?: number } = {},
): Promise<void> {
  for (const [i, connections] of connectionCounts.entries()) {
    const load = {
      // With a list of paths, wrk's script chooses each request's path; the URL gives only the origin.
      url: `${origin}${options.paths ? '/' : base.path}`,
      connections,
      headers: base.encoding === 'gzip' ? GZIP : {},
      prefix: LOAD_CPU,
      workDir: WORK_DIR,
    };
    if (options.warm !== false && warmupSeconds > 0) {
      await runLoad(loadTool, { ...load, durationSeconds: warmupSeconds });
      await drained(load.url, GZIP);
      // The warm-up's own misses must not run into the measurement: the search row's first 32 asks
      // are renders (a search is stored on its second ask), ~55 ms of CPU each at 100,000 articles,
      // more than a one-second warm-up.
      if (options.pid) await idle(options.pid);
    }
    // Misses: each connection count gets its own share of the not-yet-rendered articles.
    const paths = options.paths?.splice(0, Math.ceil(options.paths.length / (connectionCounts.length - i)));
    const result = await runLoad(loadTool, { ...load, durationSeconds, paths });
    await drained(load.url, GZIP);
    if (options.pid) await idle(options.pid);
    const row: Row = { ...base, connections, ...result, rssMiB: rss() };
    rows.push(row);
    printRow(row);
  }
}

/** The pages of one corpus worth measuring, found from the running site itself. */
async function discover(origin: string): Promise<{ targets: [string, string][]; articlePaths: string[] }> {
  const text = async (pathname: string) => (await fetch(`${origin}${pathname}`)).text();
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] as string).pathname);
  const index = await text('/sitemap.xml');
  const children = index.includes('<sitemapindex') ? locs(index) : [];
  const articlePaths: string[] = [];
  for (const child of children.length ? children : ['/sitemap.xml']) {
    articlePaths.push(...locs(await text(child)).filter((p) => p.startsWith('/articles/')));
    if (articlePaths.length >= 4_000) break;
  }
  const article = articlePaths.shift();
  if (!article) throw new Error('the sitemap lists no article');
  const targets: [string, string][] = [
    ['article', article],
    ['article history', `${article}/history`],
    ['corrections', '/corrections'],
    ['front page', '/'],
    ['section', '/sections/world'],
    ['tag', '/tags/transport'],
    ['feed', '/feed.xml'],
    ['sitemap', '/sitemap.xml'],
  ];
  if (children[0]) targets.push(['sitemap child', children[0]]);
  targets.push(['search', '/search?q=harbour']);
  const unnamed = targets.filter(([name]) => !PAGE_NAMES.includes(name));
  if (unnamed.length > 0) throw new Error(`PAGE_NAMES lacks ${unnamed.map(([name]) => name).join(', ')}`);
  for (const [name, pathname] of targets) {
    const status = (await fetch(`${origin}${pathname}`, { method: 'HEAD' })).status;
    if (status !== 200) console.warn(`warning: ${name} ${pathname} answers ${status}`);
  }
  return { targets, articlePaths };
}

interface Corpus {
  dir: string;
  contentDir: string;
  database: string;
  /** Grown with SQL: served without a seed run (the seed would unpublish rows that have no file). */
  grown: boolean;
}

function siteEnv(corpus: Corpus, origin: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `file:${corpus.database}`,
    CONTENT_DIR: corpus.contentDir,
    SITE_URL: origin,
    REVALIDATE_SECRET: randomBytes(24).toString('base64url'),
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

async function prepareCorpus(count: number): Promise<Corpus> {
  if (count <= sqlAbove) return writtenCorpus(count);
  const base = await writtenCorpus(BASE_CORPUS);
  if (!existsSync(path.join(base.dir, 'seeded'))) {
    // The base corpus's own bench run seeds it through npm start; alone, migrate and seed it here.
    console.log(`Seeding the ${BASE_CORPUS.toLocaleString('en')}-article base corpus…`);
    const env = siteEnv(base, 'http://127.0.0.1');
    await runTs('scripts/migrate.ts', ['deploy'], { env });
    await runTs('prisma/seed.ts', [], { env });
    writeFileSync(path.join(base.dir, 'seeded'), '');
  }
  const dir = path.join(WORK_DIR, `corpus-${count}`);
  mkdirSync(dir, { recursive: true });
  const database = path.join(dir, 'news.db');
  console.log(
    `Growing the ${count.toLocaleString('en')}-article database from the base corpus with SQL (kept for later runs)…`,
  );
  const tookMs = cloneCorpusDatabase(base.database, database, count);
  console.log(tookMs ? `Grown in ${(tookMs / 1000).toFixed(0)} s.` : 'Reused.');
  return { dir, contentDir: base.contentDir, database, grown: true };
}

async function writtenCorpus(count: number): Promise<Corpus> {
  const dir = path.join(WORK_DIR, `corpus-${count}`);
  const contentDir = path.join(dir, 'content');
  // The content is the same for the same count: keep it (and its seeded database) between runs.
  if (!existsSync(path.join(dir, 'complete'))) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`Writing ${count.toLocaleString('en')} synthetic articles…`);
    await writeSyntheticContent(contentDir, { count });
    writeFileSync(path.join(dir, 'complete'), String(count));
  }
  return { dir, contentDir, database: path.join(dir, 'news.db'), grown: false };
}

let articleHtml: Buffer | null = null;
/** The server's resident memory once every row of a corpus has run (issue 8's target: <= 200 MiB). */
const memoryAfter: { corpus: number; rssMiB: number }[] = [];
let loadBefore = 0;
const growthSites: GrowthSite[] = [];
const growth: GrowthComparison[] = [];
const frontInAlternation: FrontComparison[] = [];

async function benchCorpus(count: number): Promise<void> {
  const corpus = await prepareCorpus(count);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  console.log(
    `\nCorpus of ${count.toLocaleString('en')} articles: starting the site ` +
      `(${corpus.grown ? 'serve only: grown with SQL' : 'migrate, seed, serve'})…`,
  );
  const started = Date.now();
  const site: RunningSite = await startSite({
    port,
    prefix: SERVER_CPU,
    env: siteEnv(corpus, origin),
    entry: corpus.grown ? 'server/main.ts' : 'scripts/start.ts',
  });
  cleanups.push(() => site.stop());
  if (!corpus.grown) writeFileSync(path.join(corpus.dir, 'seeded'), '');
  console.log(`Site ready in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  const { targets, articlePaths } = await discover(origin);

  if (!articleHtml) {
    const response = await fetch(`${origin}${targets[0]?.[1]}`, { headers: { 'Accept-Encoding': 'identity' } });
    articleHtml = Buffer.from(await response.arrayBuffer());
  }

  // The discover step's own work must not be billed to the first row (the cached article): its
  // renders (at 100,000 articles the sitemap index and children, seconds of CPU) and the best brotli
  // of the pages it read twice run until the server is idle again, as after every row.
  await idle(site.pid);
  printHeader();
  for (const [target, pathname] of targets) {
    await measure({ corpus: count, via: 'server', target, path: pathname, encoding: 'gzip' }, origin, site.rssMiB, {
      pid: site.pid,
    });
  }
  // Misses after the cached rows: each request is an article not yet rendered, and their garbage
  // (a V8 heap of ~500 MB at 100,000 articles, collected later) falls in no cached row of the server.
  await measure(
    { corpus: count, via: 'server', target: 'article, uncached', path: '/articles/* (each once)', encoding: 'gzip' },
    origin,
    site.rssMiB,
    { paths: articlePaths, warm: false, pid: site.pid },
  );

  // The front rows share core 0 with the site: whatever the site still has to do (the last row's
  // renders, a compaction of its heap) must not be billed to nginx's first row.
  await idle(site.pid);
  const frontPort = await freePort();
  const work = makeWorkDir('news-bench-front');
  const front = await startNginx(work, frontConfig(work, { listen: frontPort, upstreamPort: port, workers: 1 }), {
    listen: frontPort,
    prefix: SERVER_CPU,
  });
  try {
    for (const [target, pathname] of targets) {
      await measure(
        { corpus: count, via: 'front', target, path: pathname, encoding: 'gzip' },
        `http://127.0.0.1:${frontPort}`,
        () => treeRssMiB(front.pid),
      );
    }
  } finally {
    await front.stop();
  }
  console.log(`Site resident memory after the load: ${site.rssMiB()} MiB`);
  memoryAfter.push({ corpus: count, rssMiB: site.rssMiB() });
  if (frontPairs > 0 && articleHtml) {
    frontInAlternation.push(
      await compareFront({ corpus: count, upstreamPort: port, pid: site.pid, targets }, articleHtml, {
        tool: loadTool,
        connections: Math.max(...connectionCounts),
        pairs: frontPairs,
        durationSeconds: frontSeconds,
        warmupSeconds,
        targets: frontTargetNames,
        headers: GZIP,
        serverPrefix: SERVER_CPU,
        loadPrefix: LOAD_CPU,
        workDir: WORK_DIR,
        cleanups,
      }),
    );
  }
  if (measureGrowth) {
    // Kept, idle, for the growth section (stopped by stopAll() after it); growth-run.ts reports
    // the CPU it used meanwhile, which the later rows shared the server core with.
    growthSites.push({
      corpus: count,
      origin,
      pid: site.pid,
      targets,
      kept: { at: Date.now(), ticks: cpuTicks(site.pid) },
    });
    return;
  }
  await site.stop();
  cleanups.pop();
}

async function benchCeilings(html: Buffer): Promise<void> {
  const work = makeWorkDir('news-bench-static');
  const root = path.join(work.dir, 'static');
  mkdirSync(root);
  const sizes = writeArticleFiles(root, html);
  console.log(`\nCeilings: the article's ${sizes.plain.toLocaleString('en')} bytes (${sizes.gzip} gzipped)`);
  printHeader();
  const nodePort = await freePort();
  const node: Stoppable = await startNodeCeiling(root, nodePort, SERVER_CPU);
  try {
    for (const encoding of ['plain', 'gzip'] as const) {
      await measure(
        { corpus: null, via: 'node:http', target: 'article bytes', path: '/', encoding },
        `http://127.0.0.1:${nodePort}`,
        () => treeRssMiB(node.pid),
      );
    }
  } finally {
    await node.stop();
  }
  const nginxPort = await freePort();
  const nginx = await startNginx(work, nginxStaticConfig(work, { listen: nginxPort, root }), {
    listen: nginxPort,
    prefix: SERVER_CPU,
  });
  try {
    for (const encoding of ['plain', 'gzip'] as const) {
      await measure(
        { corpus: null, via: 'nginx static', target: 'article bytes', path: '/article.html', encoding },
        `http://127.0.0.1:${nginxPort}`,
        () => treeRssMiB(nginx.pid),
      );
    }
  } finally {
    await nginx.stop();
  }
}

function shares(): void {
  const ceiling = (via: Via, encoding: Row['encoding'], connections: number) =>
    rows.find((row) => row.via === via && row.encoding === encoding && row.connections === connections)?.reqPerSec;
  for (const row of rows) {
    const node = ceiling('node:http', row.encoding, row.connections);
    const nginx = ceiling('nginx static', row.encoding, row.connections);
    if (node) row.shareOfNode = row.reqPerSec / node;
    if (nginx) row.shareOfNginx = row.reqPerSec / nginx;
  }
}

const COLUMNS = ['corpus', 'via', 'target', 'enc', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'RSS MiB'];
const percent = (share?: number) => (share === undefined ? '' : `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%`);

function cells(row: Row): string[] {
  return [
    row.corpus === null ? '' : String(row.corpus),
    row.via,
    row.target,
    row.encoding,
    String(row.connections),
    row.reqPerSec.toFixed(0),
    row.p50Ms.toFixed(2),
    row.p99Ms.toFixed(2),
    String(row.errors),
    row.rssMiB.toFixed(0),
  ];
}
const WIDTHS = [7, 12, 18, 5, 5, 9, 8, 8, 7, 8, 8, 8];
const line = (values: string[]) => values.map((value, i) => value.padStart(WIDTHS[i] ?? 8)).join(' ');
const printHeader = () => console.log(line(COLUMNS));
const printRow = (row: Row) => console.log(line(cells(row)));

async function main(): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true });
  loadTool = await ensureLoadTool();
  // No build here: pages read the database at build time, so start.ts builds after it has migrated
  // and seeded the corpus, exactly as `npm start` does.
  console.log(
    `${cores} cores (${cpus()[0]?.model ?? 'unknown'}); ${pinned ? 'servers on core 0, load on core 1' : 'NOT pinned'}; ` +
      `${loadTool}, ${durationSeconds} s per row after ${warmupSeconds} s of warm-up`,
  );

  loadBefore = loadavg()[0] ?? 0;
  console.log(`Load average before: ${loadBefore.toFixed(1)} (another process's load skews every row)`);
  for (const [i, count] of corpora.entries()) {
    await benchCorpus(count);
    if (i === 0 && articleHtml) await benchCeilings(articleHtml);
  }
  const [base, ...grown] = growthSites;
  for (const site of grown) {
    if (!base) break;
    growth.push(
      await compareGrowth(base, site, {
        tool: loadTool,
        connections: Math.max(...connectionCounts),
        pairs: growthPairs,
        durationSeconds: growthSeconds,
        warmupSeconds,
        headers: GZIP,
        loadPrefix: LOAD_CPU,
        workDir: WORK_DIR,
      }),
    );
  }
  await stopAll();
  shares();

  console.log('\nAll rows; share = req/s ÷ the ceiling with the same encoding and connections');
  console.log(line([...COLUMNS, '% node', '% nginx']));
  for (const row of rows) console.log(line([...cells(row), percent(row.shareOfNode), percent(row.shareOfNginx)]));
  for (const comparison of frontInAlternation) printFront(comparison);
  for (const comparison of growth) printGrowth(comparison);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.join('bench', 'results', `bench-${stamp}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        cores,
        cpu: cpus()[0]?.model ?? null,
        pinned,
        // Other work on the machine moves every figure: the 1-minute load average before and after.
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        node: process.version,
        loadTool,
        durationSeconds,
        warmupSeconds,
        corpora,
        connections: connectionCounts,
        articleBytes: articleHtml?.length ?? null,
        memoryAfter,
        rows,
        growth,
        frontInAlternation,
      },
      null,
      2,
    )}\n`,
  );
  for (const { corpus, rssMiB } of memoryAfter) {
    console.log(`Server resident memory after the bench, ${corpus.toLocaleString('en')} articles: ${rssMiB} MiB`);
  }
  console.log(`Load average after: ${(loadavg()[0] ?? 0).toFixed(1)}\nSaved ${out}`);
}

async function stopAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().then(() => process.exit(130)));
}

main().catch(async (error: unknown) => {
  console.error(`npm run bench stopped: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll();
  process.exitCode = 1;
});
