// `npm run lighthouse`: Lighthouse 12 (mobile settings, its defaults) on the front page and the first
// article, in the machine's Chromium, against the production build started as `npm start` does, on
// a database of its own seeded with the real content. `-- --url http://host:port` audits a site
// that is already running instead. Prints the four scores and what keeps each below 100.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureChromium } from './lib/browser';
import { freePort } from './lib/free-port';
import { median } from './lib/growth';
import { pageJavaScript, type PageJavaScript } from './lib/page-javascript';
import { startSite, type RunningSite } from './lib/site-process';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const WORK_DIR = path.resolve(process.env.LIGHTHOUSE_WORK_DIR || '.tmp/lighthouse');
const REPORT_DIR = path.resolve('.tmp/lighthouse-reports');

// `--runs N` audits each page N times: on a shared machine one run says little (see docs/performance.md).
// With several runs each score is printed as its range and its median, the reading Lighthouse's
// own variability guide recommends (the median of 5 runs is about twice as stable as one run).
const { values } = parseArgs({ options: { url: { type: 'string' }, runs: { type: 'string', default: '1' } } });
const RUNS = Math.max(1, Number.parseInt(values.runs ?? '1', 10) || 1);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function firstArticle(origin: string): Promise<string> {
  const html = await (await fetch(`${origin}/`)).text();
  const href = /href="(\/articles\/[^"#?]+)"/.exec(html)?.[1];
  if (!href) throw new Error(`the front page at ${origin}/ links to no article`);
  return `${origin}${href}`;
}

interface Scores {
  url: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Audits that cost points, by category: id, title, score, and the displayed value if any. */
  failing: Record<string, string[]>;
  /** Lighthouse's measure of this machine's CPU at the time; a loaded machine scores lower and its TBT grows. */
  benchmarkIndex: number;
  /** The JavaScript the page loaded: path, bytes over the wire (compressed) and uncompressed. */
  scripts: { path: string; transferBytes: number; resourceBytes: number }[];
}

interface NetworkRequest {
  url: string;
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
}

/** Lighthouse asks for another run when Chromium's trace misses an event (NO_NAVSTART, NO_FCP). */
async function audit(url: string, port: number): Promise<Scores> {
  try {
    return await auditOnce(url, port);
  } catch (error) {
    console.warn(`${error instanceof Error ? error.message : String(error)}; running it once more`);
    return auditOnce(url, port);
  }
}

async function auditOnce(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  // The whole report (bootup-time, main-thread work, long tasks, LCP element…), to read what blocks.
  mkdirSync(REPORT_DIR, { recursive: true });
  const name = new URL(url).pathname
    .replace(/^\/$/, 'front')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '');
  writeFileSync(path.join(REPORT_DIR, `${name}.json`), JSON.stringify(lhr, null, 2));
  const scores = {} as Scores['scores'];
  const failing: Scores['failing'] = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = Math.round((category?.score ?? 0) * 100);
    failing[id] = (category?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((item) => item && item.score !== null && item.score < 1)
      .map((item) => `${item?.id} (${item?.score})${item?.displayValue ? `: ${item.displayValue}` : ''}`);
  }
  const requests = ((lhr.audits['network-requests']?.details as { items?: NetworkRequest[] } | undefined)?.items ??
    []) as NetworkRequest[];
  const scripts = requests
    .filter((request) => request.resourceType === 'Script')
    .map((request) => ({
      path: new URL(request.url).pathname,
      transferBytes: request.transferSize ?? 0,
      resourceBytes: request.resourceSize ?? 0,
    }));
  return { url, scores, failing, scripts, benchmarkIndex: lhr.environment.benchmarkIndex };
}

async function startOwnSite(): Promise<RunningSite> {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const port = await freePort();
  console.log('Starting the production site on a database of its own (migrate, seed, build if needed)…');
  return startSite({
    port,
    readyTimeoutMs: 10 * 60_000,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${path.join(WORK_DIR, 'news.db')}`,
      SITE_URL: `http://127.0.0.1:${port}`,
      REVALIDATE_SECRET: randomBytes(24).toString('base64url'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
}

async function main(): Promise<void> {
  const chromePath = await ensureChromium();
  const site = values.url ? null : await startOwnSite();
  const origin = values.url?.replace(/\/$/, '') ?? site?.origin ?? '';
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      // Root (as on CI) cannot use Chromium's sandbox.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const loadBefore = load();
    const pages = [`${origin}/`, await firstArticle(origin)];
    const runs: Scores[][] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const results: Scores[] = [];
      for (const url of pages) {
        // One warm-up load, so the audit sees the site as readers do, not a cold first render.
        await fetch(url);
        results.push(await audit(url, chrome.port));
      }
      runs.push(results);
    }
    const loadAfter = load();
    const results = runs[runs.length - 1] ?? [];
    const name = (url: string) => url.replace(origin, '') || '/';
    console.log(
      `\nLighthouse 12 (mobile) in ${chromePath}, ${RUNS} run(s); load average before ${loadBefore}, after ${loadAfter}`,
    );
    console.log(`${'page'.padEnd(60)} ${CATEGORIES.map((c) => c.padStart(16)).join('')}`);
    for (const [index, url] of pages.entries()) {
      const cells = CATEGORIES.map((category) => {
        const values = runs.map((run) => run[index]?.scores[category] ?? 0);
        const [low, high] = [Math.min(...values), Math.max(...values)];
        return (low === high ? String(low) : `${low}–${high} (${median(values)})`).padStart(16);
      });
      console.log(`${name(url).padEnd(60)} ${cells.join('')}`);
    }
    if (RUNS > 1) {
      for (const [index, url] of pages.entries()) {
        console.log(
          `  ${name(url)} performance by run: ${runs.map((run) => run[index]?.scores.performance).join(', ')}`,
        );
      }
    }
    console.log(
      `CPU benchmark index: ${runs.flatMap((run) => run.map((r) => Math.round(r.benchmarkIndex))).join(', ')} ` +
        '(under ~1000 the machine is slow or busy, and total blocking time is inflated)',
    );
    for (const { url, failing } of results) {
      const lines = Object.entries(failing).flatMap(([category, audits]) =>
        audits.map((line) => `  ${category}: ${line}`),
      );
      if (lines.length) console.log(`\nBelow 100 on ${name(url)} (last run):\n${lines.join('\n')}`);
    }
    const javascript: Record<string, PageJavaScript> = {};
    for (const { url, scripts } of results) {
      const total = scripts.reduce((sum, script) => sum + script.transferBytes, 0);
      const counted = await pageJavaScript(url);
      javascript[name(url)] = counted;
      const gzip = counted.files.reduce((sum, file) => sum + file.gzipBytes, 0);
      console.log(
        `\nJavaScript loaded by ${name(url)}: ${(gzip / 1024).toFixed(1)} KiB gzipped (bodies as served with ` +
          `Accept-Encoding: gzip), ${counted.files.length} files; Lighthouse saw ${(total / 1024).toFixed(1)} KiB ` +
          `over the wire (as served: brotli here, headers included); plus ${counted.inline.count} inline scripts, ` +
          `${(counted.inline.bytes / 1024).toFixed(1)} KiB uncompressed, inside the HTML`,
      );
      for (const file of counted.files) {
        console.log(
          `  ${file.path.padEnd(56)} ${(file.gzipBytes / 1024).toFixed(1).padStart(7)} KiB gzip` +
            ` (${(file.bytes / 1024).toFixed(1)} KiB uncompressed)`,
        );
      }
    }
    const out = path.join('bench', 'results', `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), chromePath, loadBefore, loadAfter, runs, javascript }, null, 2)}\n`,
    );
    console.log(`\nSaved ${out}`);
  } finally {
    await chrome.kill();
    await site?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`npm run lighthouse stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
