// `npm run lighthouse`: Lighthouse 12 (mobile settings, its defaults) on the front page and the first
// article, in the machine's Chromium, against the production build started as `npm start` does, on
// a database of its own seeded with the real content. `-- --url http://host:port` audits a site
// that is already running instead. Prints the four scores and what keeps each below 100.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureChromium } from './lib/browser';
import { freePort } from './lib/free-port';
import { startSite, type RunningSite } from './lib/site-process';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const WORK_DIR = path.resolve(process.env.LIGHTHOUSE_WORK_DIR || '.tmp/lighthouse');

const { values } = parseArgs({ options: { url: { type: 'string' } } });

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
    const results: Scores[] = [];
    for (const url of [`${origin}/`, await firstArticle(origin)]) {
      // One warm-up load, so the audit sees the site as readers do, not a cold first render.
      await fetch(url);
      results.push(await audit(url, chrome.port));
    }
    console.log(`\nLighthouse 12 (mobile) in ${chromePath}`);
    console.log(`${'page'.padEnd(60)} ${CATEGORIES.map((c) => c.padStart(16)).join('')}`);
    for (const { url, scores } of results) {
      const name = url.replace(origin, '') || '/';
      console.log(`${name.padEnd(60)} ${CATEGORIES.map((c) => String(scores[c]).padStart(16)).join('')}`);
    }
    console.log(
      `CPU benchmark index: ${results.map((r) => Math.round(r.benchmarkIndex)).join(', ')} ` +
        '(under ~1000 the machine is slow or busy, and total blocking time is inflated)',
    );
    for (const { url, failing } of results) {
      const lines = Object.entries(failing).flatMap(([category, audits]) =>
        audits.map((line) => `  ${category}: ${line}`),
      );
      if (lines.length) console.log(`\nBelow 100 on ${url.replace(origin, '') || '/'}:\n${lines.join('\n')}`);
    }
    for (const { url, scripts } of results) {
      const total = scripts.reduce((sum, script) => sum + script.transferBytes, 0);
      console.log(
        `\nJavaScript loaded by ${url.replace(origin, '') || '/'}: ${(total / 1024).toFixed(1)} KiB over the wire ` +
          `(as served, compressed), ${scripts.length} files`,
      );
      for (const script of scripts) {
        console.log(
          `  ${script.path.padEnd(56)} ${(script.transferBytes / 1024).toFixed(1).padStart(7)} KiB` +
            ` (${(script.resourceBytes / 1024).toFixed(1)} KiB uncompressed)`,
        );
      }
    }
    const out = path.join('bench', 'results', `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), chromePath, results }, null, 2)}\n`);
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
