import type { LoadResult } from './load';

// The bench's growth figure (issue 8: "100,000 vs 1,000 articles within 1.3x"), worked out from
// measurements taken in alternation: the small corpus's server, then the large one's, seconds
// apart, several times per page. This shared machine has stretches of tens of seconds in which the
// same code needs twice the CPU per request, and others in which another process takes most of the
// server's core; two rows measured minutes apart can fall on either side of one, a pair measured
// seconds apart mostly shares it, and the median of several pairs ignores the few that do not. A
// pair in which the two servers did not have the same share of their core says nothing about the
// page: it is measured again and left out of the median. Pure arithmetic and text here; scripts/lib/growth-run.ts measures.

/** The pages whose cost must not grow with the corpus, as scripts/bench.ts names its targets. */
export const GROWTH_TARGETS = ['front page', 'section', 'sitemap', 'sitemap child', 'search'] as const;

/** A pair whose CPU per request is this many times its page's median, on either side, is marked. */
export const NOISY_CPU_FACTOR = 1.25;

/**
 * A pair is uneven when its two servers did not have the same share of their core: the lower under
 * this fraction of the higher, or either under CORE_FLOOR. Under 32 connections a cached page keeps
 * the server's core busy; less means another process (another session's server or load, pinned to
 * the same core) took the rest, and req/s fell with no change in the page's cost. A steady share
 * taken from both alike leaves the ratio alone: measured 7 December, pairs at 70–77% of the core on
 * both sides gave 0.98–1.03x, while a pair at 67% / 25% gave 2.11x and pairs at 15–42% ranged from
 * 0.14x to 2.23x.
 */
export const EVEN_SHARE = 0.8;
/** Under half its core, a server's req/s moves with every change in the other process's load. */
export const CORE_FLOOR = 0.5;

/** Linux reports process CPU time in /proc in ticks of 1/100 s (USER_HZ), whatever the kernel's HZ. */
const TICKS_PER_SECOND = 100;

export interface GrowthPage {
  target: string;
  basePath: string;
  grownPath: string;
}

export interface GrowthMeasurement extends LoadResult {
  /** CPU ticks (user and system) of the server's process tree during the load, warm-up excluded. */
  cpuTicks: number;
}

export interface GrowthPair {
  base: GrowthMeasurement;
  grown: GrowthMeasurement;
}

export interface GrowthSummary extends GrowthPage {
  pairs: GrowthPair[];
  /** Per pair: the base corpus's req/s ÷ the grown corpus's, i.e. how many times slower when grown. */
  ratios: number[];
  /** The median of the ratios of the pairs that were not uneven; NaN (null in JSON) if none was. */
  medianRatio: number;
  /** How many pairs that median is taken over: the even ones. */
  counted: number;
  minRatio: number;
  maxRatio: number;
  /** Per pair: milliseconds of server CPU per request, base and grown. */
  cpuMsPerRequest: { base: number[]; grown: number[] };
  /** Median over pairs of grown CPU per request ÷ base CPU per request. */
  medianCpuRatio: number;
  /** Per pair: the share of one core each server used during its measurement (1 = all of it). */
  coreShare: { base: number[]; grown: number[] };
  /** Indices of pairs in which either server needed much more CPU per request than its median. */
  noisyPairs: number[];
  /** Indices of the pairs that were uneven (isUneven). */
  unevenPairs: number[];
  errors: number;
}

/**
 * Which page of the base corpus each growth page is compared with. Only a corpus too large for one
 * sitemap file has a sitemap index with children; its child (1,000 addresses) is compared with the
 * small corpus's only sitemap file, which lists about as many (the per-corpus rows compare the same).
 * A page either corpus lacks is left out.
 */
export function growthPages(base: [string, string][], grown: [string, string][]): GrowthPage[] {
  const pathOf = (targets: [string, string][], name: string) => targets.find(([target]) => target === name)?.[1];
  const pages: GrowthPage[] = [];
  for (const target of GROWTH_TARGETS) {
    const grownPath = pathOf(grown, target);
    const basePath = pathOf(base, target) ?? (target === 'sitemap child' ? pathOf(base, 'sitemap') : undefined);
    if (grownPath && basePath) pages.push({ target, basePath, grownPath });
  }
  return pages;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The share of one core the server used during a measurement of `seconds` (1 = all of it). */
export function coreShare(measurement: GrowthMeasurement, seconds: number): number {
  return measurement.cpuTicks / (seconds * TICKS_PER_SECOND);
}

/**
 * Whether the two halves of a pair had different shares of a core (the lower under EVEN_SHARE of the
 * higher), or either too little of it (CORE_FLOOR): given the shares of whichever process sets the
 * pace, the servers here, the load generator for the front's pairs (scripts/lib/front-pairs.ts).
 */
export function unevenShares(a: number, b: number): boolean {
  const [lower, higher] = [Math.min(a, b), Math.max(a, b)];
  return lower < CORE_FLOOR || lower < EVEN_SHARE * higher;
}

/** Whether the pair's servers had different shares of their core, or too little (unevenShares). */
export function isUneven(pair: GrowthPair, seconds: number): boolean {
  return unevenShares(coreShare(pair.base, seconds), coreShare(pair.grown, seconds));
}

/**
 * The pairs that fell in a CPU-hungry stretch: given each side's CPU per request, pair by pair, the
 * indices at which either side needed over NOISY_CPU_FACTOR times its own median.
 */
export function noisyPairs(...sides: number[][]): number[] {
  const medians = sides.map(median);
  const count = Math.max(0, ...sides.map((side) => side.length));
  return Array.from({ length: count }, (_, i) => i).filter((i) =>
    sides.some((side, s) => (side[i] as number) > NOISY_CPU_FACTOR * (medians[s] as number)),
  );
}

export function cpuMsPerRequest(measurement: GrowthMeasurement): number {
  return measurement.requests > 0
    ? (measurement.cpuTicks * 1000) / TICKS_PER_SECOND / measurement.requests
    : Number.NaN;
}

/** `seconds`: how long each measurement's load ran, for the share of the core the server used. */
export function summarize(page: GrowthPage, pairs: GrowthPair[], seconds: number): GrowthSummary {
  const ratios = pairs.map(({ base, grown }) => base.reqPerSec / grown.reqPerSec);
  const base = pairs.map((pair) => cpuMsPerRequest(pair.base));
  const grown = pairs.map((pair) => cpuMsPerRequest(pair.grown));
  const shares = {
    base: pairs.map((pair) => coreShare(pair.base, seconds)),
    grown: pairs.map((pair) => coreShare(pair.grown, seconds)),
  };
  const indices = pairs.map((_, i) => i);
  const unevenPairs = indices.filter((i) => isUneven(pairs[i] as GrowthPair, seconds));
  const even = ratios.filter((_, i) => !unevenPairs.includes(i));
  return {
    ...page,
    pairs,
    ratios,
    medianRatio: median(even),
    counted: even.length,
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
    cpuMsPerRequest: { base, grown },
    medianCpuRatio: median(grown.map((ms, i) => ms / (base[i] as number))),
    coreShare: shares,
    noisyPairs: noisyPairs(base, grown),
    unevenPairs,
    errors: pairs.reduce((sum, pair) => sum + pair.base.errors + pair.grown.errors, 0),
  };
}

/** A figure with `digits` decimals, or '–' for NaN (a median of no pairs) and infinities. */
export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/**
 * The table the bench prints: one line per page. A ratio marked `*` is from a pair with a
 * CPU-hungry stretch, `!` from an uneven one (isUneven; both: `*!`), left out of the median.
 */
export function growthTable(summaries: GrowthSummary[], corpora: { base: number; grown: number }): string[] {
  const [small, large] = [corpora.base, corpora.grown].map((count) => count.toLocaleString('en'));
  const header = [
    'target'.padEnd(14),
    'paths'.padEnd(34),
    `ratio per pair (${small} ÷ ${large} req/s)`.padEnd(46),
    'median (of n)'.padStart(13),
    'min–max'.padStart(11),
    'CPU µs/req'.padStart(13),
    'CPU ratio'.padStart(9),
    'least core'.padStart(10),
    'errors'.padStart(6),
  ];
  const lines = [header.join(' ')];
  for (const summary of summaries) {
    const ratios = summary.ratios.map(
      (ratio, i) =>
        `${fixed(ratio, 2)}${summary.noisyPairs.includes(i) ? '*' : ''}${summary.unevenPairs.includes(i) ? '!' : ''}`,
    );
    const leastCore = Math.min(...summary.coreShare.base, ...summary.coreShare.grown);
    const paths =
      summary.basePath === summary.grownPath ? summary.basePath : `${summary.basePath} / ${summary.grownPath}`;
    // Microseconds: a cached hit costs 50–200 of them, and hundredths of a millisecond hide a 25% step.
    const micro = (ms: number[]) => fixed(median(ms) * 1000, 0);
    const cpu = `${micro(summary.cpuMsPerRequest.base)} / ${micro(summary.cpuMsPerRequest.grown)}`;
    lines.push(
      [
        summary.target.padEnd(14),
        paths.padEnd(34),
        ratios.join(' ').padEnd(46),
        `${Number.isFinite(summary.medianRatio) ? `${fixed(summary.medianRatio, 2)}x` : '–'} (${summary.counted})`.padStart(
          13,
        ),
        `${fixed(summary.minRatio, 2)}–${fixed(summary.maxRatio, 2)}`.padStart(11),
        cpu.padStart(13),
        `${fixed(summary.medianCpuRatio, 2)}x`.padStart(9),
        `${fixed(leastCore * 100, 0)}%`.padStart(10),
        String(summary.errors).padStart(6),
      ].join(' '),
    );
  }
  return lines;
}
