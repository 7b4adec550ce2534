import { loadavg } from 'node:os';
import {
  coreShare,
  cpuMsPerRequest,
  growthPages,
  growthTable,
  isUneven,
  NOISY_CPU_FACTOR,
  CORE_FLOOR,
  EVEN_SHARE,
  summarize,
  type GrowthMeasurement,
  type GrowthPair,
  type GrowthSummary,
} from './growth';
import { runLoad, type LoadTool } from './load';
import { cpuTicks, drained, idle } from './settle';

// The bench's last section: the growth pages measured on two corpora's servers running side by
// side, one under load at a time, in alternation (small, large, small, large…), so each ratio is
// taken from two measurements seconds apart. scripts/lib/growth.ts says why and does the arithmetic.

export interface GrowthSite {
  corpus: number;
  origin: string;
  pid: number;
  /** The bench's targets for this corpus: [name, path], as its discover step found them. */
  targets: [string, string][];
  /** When its own rows ended and its CPU ticks then: what it cost while idle until this section. */
  kept: { at: number; ticks: number };
}

export interface GrowthOptions {
  tool: LoadTool;
  connections: number;
  pairs: number;
  durationSeconds: number;
  warmupSeconds: number;
  headers: Record<string, string>;
  loadPrefix: string[];
  workDir: string;
}

export interface GrowthComparison {
  base: number;
  grown: number;
  connections: number;
  pairs: number;
  durationSeconds: number;
  warmupSeconds: number;
  loadAverage: { before: number; after: number };
  pages: GrowthSummary[];
}

async function measureOnce(site: GrowthSite, path: string, options: GrowthOptions): Promise<GrowthMeasurement> {
  const url = `${site.origin}${path}`;
  const before = cpuTicks(site.pid);
  const result = await runLoad(options.tool, { ...loadOf(url, options), durationSeconds: options.durationSeconds });
  const ticks = cpuTicks(site.pid) - before;
  await settle(site, url, options);
  return { ...result, cpuTicks: ticks };
}

function loadOf(url: string, options: GrowthOptions) {
  return {
    url,
    connections: options.connections,
    headers: options.headers,
    prefix: options.loadPrefix,
    workDir: options.workDir,
  };
}

/** As after every row of the bench: the requests wrk left in flight are answered before the next load. */
async function settle(site: GrowthSite, url: string, options: GrowthOptions): Promise<void> {
  await drained(url, options.headers);
  await idle(site.pid);
}

/** One side of a pair as printed: req/s, CPU per request, and the share of the core the server had. */
function reading(corpus: number, m: GrowthMeasurement, seconds: number): string {
  return (
    `${corpus.toLocaleString('en')} ${m.reqPerSec.toFixed(0)} req/s ` +
    `(${(cpuMsPerRequest(m) * 1000).toFixed(0)} µs CPU/req, ${(coreShare(m, seconds) * 100).toFixed(0)}% of the core)`
  );
}

/** Measures every growth page of `grown` against `base`, printing each pair as it comes. */
export async function compareGrowth(
  base: GrowthSite,
  grown: GrowthSite,
  options: GrowthOptions,
): Promise<GrowthComparison> {
  const loadBefore = loadavg()[0] ?? 0;
  console.log(
    `\nGrowth in alternation: ${base.corpus.toLocaleString('en')} vs ${grown.corpus.toLocaleString('en')} articles, ` +
      `both servers running, ${options.pairs} pairs (at most ${2 * options.pairs}) of ${options.durationSeconds} s per page after ` +
      `${options.warmupSeconds} s of warm-up each, ${options.connections} connections, gzip; load average ${loadBefore.toFixed(1)}`,
  );
  // The server kept from the first corpus sat idle on the server core while the later rows ran;
  // its timers (the content watch, the database probe) are the part of it those rows shared.
  const idleMs = Date.now() - base.kept.at;
  const idleCpuMs = (cpuTicks(base.pid) - base.kept.ticks) * 10; // ticks of 10 ms
  console.log(
    `The ${base.corpus.toLocaleString('en')}-article server, idle for ${(idleMs / 1000).toFixed(0)} s before this, ` +
      `used ${idleCpuMs} ms of CPU meanwhile (${((idleCpuMs / idleMs) * 100).toFixed(2)}% of a core).`,
  );
  const pages: GrowthSummary[] = [];
  const seconds = options.durationSeconds;
  for (const page of growthPages(base.targets, grown.targets)) {
    // Both have served the page in their own rows minutes ago; warm each again after its idle time.
    for (const [site, path] of [
      [base, page.basePath],
      [grown, page.grownPath],
    ] as const) {
      if (options.warmupSeconds <= 0) continue;
      const url = `${site.origin}${path}`;
      await runLoad(options.tool, { ...loadOf(url, options), durationSeconds: options.warmupSeconds });
      await settle(site, url, options);
    }
    // Until `pairs` even pairs (both servers had the same share of their core), at most twice as many in all.
    const pairs: GrowthPair[] = [];
    const even = () => pairs.filter((pair) => !isUneven(pair, seconds)).length;
    for (let i = 0; even() < options.pairs && i < 2 * options.pairs; i++) {
      const pair = {
        base: await measureOnce(base, page.basePath, options),
        grown: await measureOnce(grown, page.grownPath, options),
      };
      pairs.push(pair);
      console.log(
        `${page.target}, pair ${i + 1}: ${reading(base.corpus, pair.base, seconds)} / ` +
          `${reading(grown.corpus, pair.grown, seconds)}` +
          ` → ${(pair.base.reqPerSec / pair.grown.reqPerSec).toFixed(2)}x`,
      );
    }
    pages.push(summarize(page, pairs, seconds));
  }
  return {
    base: base.corpus,
    grown: grown.corpus,
    connections: options.connections,
    pairs: options.pairs,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
    pages,
  };
}

export function printGrowth(comparison: GrowthComparison): void {
  const [small, large] = [comparison.base, comparison.grown].map((count) => count.toLocaleString('en'));
  console.log(
    [
      `\nGrowth, ${small} vs ${large} articles, in alternation: ${comparison.pairs} even pairs wanted (at most ` +
        `${2 * comparison.pairs}) of ${comparison.durationSeconds} s per page; load average ${comparison.loadAverage.before.toFixed(1)} → ` +
        `${comparison.loadAverage.after.toFixed(1)}.`,
      'ratio: how many times slower at the larger corpus (req/s); CPU ratio: the same from the server CPU per',
      "request, the page's cost whatever share of its core the server had; medians of the pairs.",
      `* a pair in which a server needed over ${NOISY_CPU_FACTOR}x its median CPU per request; ! a ` +
        `pair whose servers had different shares of their core (the lower under ${EVEN_SHARE * 100}% of the ` +
        `higher, or under ${CORE_FLOOR * 100}%), measured again and left out of the median (least core: the lowest ` +
        'share of any measurement).',
    ].join('\n'),
  );
  for (const line of growthTable(comparison.pages, comparison)) console.log(line);
}
