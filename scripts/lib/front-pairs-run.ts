import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { nginxStaticConfig, writeArticleFiles } from './ceilings';
import { freePort } from './free-port';
import { frontConfig } from './front-config';
import {
  frontTable,
  frontTargets,
  loadCoreShare,
  summarizeFront,
  FRONT_TARGET_SHARE,
  type FrontMeasurement,
  type FrontPair,
  type FrontSummary,
} from './front-pairs';
import { coreShare, cpuMsPerRequest, CORE_FLOOR, EVEN_SHARE, NOISY_CPU_FACTOR } from './growth';
import { runLoad, type LoadTool } from './load';
import { makeWorkDir, startNginx, type RunningNginx } from './nginx';
import { cpuTicks, drained, idle } from './settle';

// A section of `npm run bench`, run for each corpus once its rows are done: the front's pages measured
// again in alternation with nginx serving the article's bytes statically (ceiling, front, ceiling,
// front…), both on the server core, so each share is taken from two measurements seconds apart.
// scripts/lib/front-pairs.ts says why and does the arithmetic.

export interface FrontSite {
  corpus: number;
  /** Our server's port on loopback and its pid: the front's upstream, idle between the hits' refreshes. */
  upstreamPort: number;
  pid: number;
  /** The bench's targets for this corpus: [name, path], as its discover step found them. */
  targets: [string, string][];
}

export interface FrontPairsOptions {
  tool: LoadTool;
  connections: number;
  pairs: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The bench's target names to measure, or 'all'. */
  targets: readonly string[] | 'all';
  headers: Record<string, string>;
  serverPrefix: string[];
  loadPrefix: string[];
  workDir: string;
  /** The bench's cleanups: both nginx are on it while they run, so a stop signal ends them too. */
  cleanups: (() => Promise<void>)[];
}

export interface FrontComparison {
  corpus: number;
  connections: number;
  pairs: number;
  durationSeconds: number;
  warmupSeconds: number;
  loadAverage: { before: number; after: number };
  targets: FrontSummary[];
}

/** One nginx on the server core, on the bench's cleanups until `stop`. */
async function startOnCleanups(
  work: ReturnType<typeof makeWorkDir>,
  config: (listen: number) => string,
  options: FrontPairsOptions,
): Promise<RunningNginx & { origin: string }> {
  const listen = await freePort();
  const nginx = await startNginx(work, config(listen), { listen, prefix: options.serverPrefix });
  const stop = () => nginx.stop();
  options.cleanups.push(stop);
  return {
    ...nginx,
    origin: `http://127.0.0.1:${listen}`,
    async stop() {
      options.cleanups.splice(options.cleanups.indexOf(stop), 1);
      await nginx.stop();
    },
  };
}

/**
 * CPU ticks of this process's ended children (cutime and cstime in /proc/self/stat): wrk's, once
 * runLoad has returned, as it is the only child that ends during a load (taskset execs it).
 */
function endedChildrenTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[13]) + Number(fields[14]);
}

/** A load of `seconds` on url; CPU ticks summed over `pids` (each with its children), then settled. */
async function load(url: string, pids: number[], seconds: number, options: FrontPairsOptions) {
  const ticks = () => pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
  const before = ticks();
  const loadBefore = endedChildrenTicks();
  const result = await runLoad(options.tool, {
    url,
    connections: options.connections,
    durationSeconds: seconds,
    headers: options.headers,
    prefix: options.loadPrefix,
    workDir: options.workDir,
  });
  const measured: FrontMeasurement = {
    ...result,
    cpuTicks: ticks() - before,
    loadTicks: endedChildrenTicks() - loadBefore,
  };
  // As after every row of the bench: what wrk left in flight is answered before the next load.
  await drained(url, options.headers);
  for (const pid of pids) await idle(pid);
  return measured;
}

/** One side of a pair as printed: req/s, CPU per request on the server core, and the two cores' shares. */
function reading(name: string, m: FrontMeasurement, seconds: number): string {
  const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
  return (
    `${name} ${m.reqPerSec.toFixed(0)} req/s (${(cpuMsPerRequest(m) * 1000).toFixed(0)} µs CPU/req, ` +
    `server ${percent(coreShare(m, seconds))} of its core, wrk ${percent(loadCoreShare(m, seconds))})`
  );
}

/**
 * Measures the chosen targets of `site` behind a fresh front against nginx serving `html` statically,
 * pair by pair, printing each pair as it comes; stops both nginx before returning.
 */
export async function compareFront(
  site: FrontSite,
  html: Buffer,
  options: FrontPairsOptions,
): Promise<FrontComparison> {
  const loadBefore = loadavg()[0] ?? 0;
  const targets = frontTargets(site.targets, options.targets);
  const seconds = options.durationSeconds;
  console.log(
    `\nThe front in alternation with nginx static, ${site.corpus.toLocaleString('en')} articles: ` +
      `${options.pairs} pairs of ${seconds} s per page (nginx static, then the front) after ${options.warmupSeconds} s ` +
      `of warm-up, ${options.connections} connections, gzip; load average ${loadBefore.toFixed(1)}`,
  );
  const staticWork = makeWorkDir('news-bench-static');
  const root = path.join(staticWork.dir, 'static');
  mkdirSync(root);
  writeArticleFiles(root, html);
  const ceiling = await startOnCleanups(
    staticWork,
    (listen) => nginxStaticConfig(staticWork, { listen, root }),
    options,
  );
  try {
    const frontWork = makeWorkDir('news-bench-front');
    const front = await startOnCleanups(
      frontWork,
      (listen) => frontConfig(frontWork, { listen, upstreamPort: site.upstreamPort, workers: 1 }),
      options,
    );
    try {
      const ceilingUrl = `${ceiling.origin}/article.html`;
      if (options.warmupSeconds > 0) await load(ceilingUrl, [ceiling.pid], options.warmupSeconds, options);
      const summaries: FrontSummary[] = [];
      for (const [target, pathname] of targets) {
        const url = `${front.origin}${pathname}`;
        // A fresh front: the warm-up fills its cache from our server, which has the page stored.
        if (options.warmupSeconds > 0) await load(url, [front.pid, site.pid], options.warmupSeconds, options);
        const pairs: FrontPair[] = [];
        for (let i = 0; i < options.pairs; i++) {
          const pair = {
            ceiling: await load(ceilingUrl, [ceiling.pid], seconds, options),
            front: await load(url, [front.pid, site.pid], seconds, options),
          };
          pairs.push(pair);
          console.log(
            `${target}, pair ${i + 1}: ${reading('nginx static', pair.ceiling, seconds)} / ` +
              `${reading('front', pair.front, seconds)} → ${((pair.front.reqPerSec / pair.ceiling.reqPerSec) * 100).toFixed(1)}%`,
          );
        }
        summaries.push(summarizeFront(target, pathname, pairs, seconds));
      }
      return {
        corpus: site.corpus,
        connections: options.connections,
        pairs: options.pairs,
        durationSeconds: seconds,
        warmupSeconds: options.warmupSeconds,
        loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
        targets: summaries,
      };
    } finally {
      await front.stop();
    }
  } finally {
    await ceiling.stop();
  }
}

export function printFront(comparison: FrontComparison): void {
  console.log(
    [
      `\nBehind the front, ${comparison.corpus.toLocaleString('en')} articles, in alternation with nginx static ` +
        `(the article's bytes, gzip): ${comparison.pairs} pairs of ${comparison.durationSeconds} s per page; load average ` +
        `${comparison.loadAverage.before.toFixed(1)} → ${comparison.loadAverage.after.toFixed(1)}.`,
      `median: of the pairs' shares (front ÷ nginx static req/s), < under issue 8's ${FRONT_TARGET_SHARE * 100}%; ` +
        'CPU and core: medians of the pairs, nginx static / the front with our server; CPU share: median of the ' +
        "pairs' nginx static ÷ front CPU per request.",
      `* a pair in which a side needed over ${NOISY_CPU_FACTOR}x its median CPU per request; ! a pair whose ` +
        "sides ran at different paces (each side's pace: the larger of its server's and wrk's share of their core; " +
        `the lower under ${EVEN_SHARE * 100}% of the higher, or under ${CORE_FLOOR * 100}%), left out of the median.`,
    ].join('\n'),
  );
  for (const line of frontTable(comparison.targets)) console.log(line);
}
