import type { LoadResult } from './load';

// The bench's growth figure (issue 8: "100,000 vs 1,000 articles within 1.3x"), worked out from
// measurements taken in alternation: the small corpus's server, then the large one's, seconds
// apart, several times per page. This shared machine has stretches of tens of seconds in which the
// same code needs twice the CPU per request; two rows measured minutes apart can fall on either
// side of one, a pair measured seconds apart mostly shares it, and the median of several pairs
// ignores the few that do not. Pure arithmetic and text here; scripts/lib/growth-run.ts measures.

/** The pages whose cost must not grow with the corpus, as scripts/bench.ts names its targets. */
export const GROWTH_TARGETS = ['front page', 'section', 'sitemap', 'sitemap child', 'search'] as const;

/** A pair whose CPU per request is this many times its page's median, on either side, is marked. */
export const NOISY_CPU_FACTOR = 1.25;

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
  medianRatio: number;
  minRatio: number;
  maxRatio: number;
  /** Per pair: milliseconds of server CPU per request, base and grown. */
  cpuMsPerRequest: { base: number[]; grown: number[] };
  /** Median over pairs of grown CPU per request ÷ base CPU per request. */
  medianCpuRatio: number;
  /** Indices of pairs in which either server needed much more CPU per request than its median. */
  noisyPairs: number[];
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

export function cpuMsPerRequest(measurement: GrowthMeasurement): number {
  return measurement.requests > 0
    ? (measurement.cpuTicks * 1000) / TICKS_PER_SECOND / measurement.requests
    : Number.NaN;
}

export function summarize(page: GrowthPage, pairs: GrowthPair[]): GrowthSummary {
  const ratios = pairs.map(({ base, grown }) => base.reqPerSec / grown.reqPerSec);
  const base = pairs.map((pair) => cpuMsPerRequest(pair.base));
  const grown = pairs.map((pair) => cpuMsPerRequest(pair.grown));
  const [baseMedian, grownMedian] = [median(base), median(grown)];
  const noisyPairs = pairs
    .map((_, i) => i)
    .filter(
      (i) =>
        (base[i] as number) > NOISY_CPU_FACTOR * baseMedian || (grown[i] as number) > NOISY_CPU_FACTOR * grownMedian,
    );
  return {
    ...page,
    pairs,
    ratios,
    medianRatio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
    cpuMsPerRequest: { base, grown },
    medianCpuRatio: median(grown.map((ms, i) => ms / (base[i] as number))),
    noisyPairs,
    errors: pairs.reduce((sum, pair) => sum + pair.base.errors + pair.grown.errors, 0),
  };
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** The table the bench prints: one line per page; a pair marked `*` had a CPU-hungry stretch. */
export function growthTable(summaries: GrowthSummary[], corpora: { base: number; grown: number }): string[] {
  const [small, large] = [corpora.base, corpora.grown].map((count) => count.toLocaleString('en'));
  const header = [
    'target'.padEnd(14),
    'paths'.padEnd(34),
    `ratio per pair (${small} ÷ ${large} req/s)`.padEnd(44),
    'median'.padStart(6),
    'min–max'.padStart(11),
    'CPU ms/req'.padStart(13),
    'CPU ratio'.padStart(9),
    'errors'.padStart(6),
  ];
  const lines = [header.join(' ')];
  for (const summary of summaries) {
    const ratios = summary.ratios.map((ratio, i) => `${fixed(ratio, 2)}${summary.noisyPairs.includes(i) ? '*' : ''}`);
    const paths =
      summary.basePath === summary.grownPath ? summary.basePath : `${summary.basePath} / ${summary.grownPath}`;
    const cpu = `${fixed(median(summary.cpuMsPerRequest.base), 2)} / ${fixed(median(summary.cpuMsPerRequest.grown), 2)}`;
    lines.push(
      [
        summary.target.padEnd(14),
        paths.padEnd(34),
        ratios.join(' ').padEnd(44),
        `${fixed(summary.medianRatio, 2)}x`.padStart(6),
        `${fixed(summary.minRatio, 2)}–${fixed(summary.maxRatio, 2)}`.padStart(11),
        cpu.padStart(13),
        `${fixed(summary.medianCpuRatio, 2)}x`.padStart(9),
        String(summary.errors).padStart(6),
      ].join(' '),
    );
  }
  return lines;
}
