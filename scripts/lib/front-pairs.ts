import { coreShare, cpuMsPerRequest, fixed, median, noisyPairs, unevenShares, type GrowthMeasurement } from './growth';

// The bench's front figure (issue 8: "behind the production front, gzip: >= 80% of nginx serving the
// same bytes statically"), worked out from measurements taken in alternation: nginx serving the
// article's bytes as a static file, then the front (nginx caching in front of our server) serving a
// page, seconds apart, several times per page. The table's rows divide a front row by a ceiling
// measured minutes earlier, and on this shared machine the share moved between runs from 60% to
// 138% for the same code: a stretch in which another process takes part of the server core, or the
// same work needs more CPU, falls on one row and not the other. A pair measured seconds apart mostly
// shares it, and the median of the pairs ignores the few that do not. The noise rules and the
// arithmetic they share are growth's (scripts/lib/growth.ts); scripts/lib/front-pairs-run.ts measures.
//
// One difference: growth's servers fill their core under 32 connections, so one that used less of it
// was short of CPU. Here a request costs 23–40 µs on either side, and whichever of nginx and wrk (on
// the other core) is short of CPU sets the pace. Measured 7 December: in quiet stretches the server
// had 78–101% of its core or wrk 90–99% of its own, and 18 pairs in 20 gave 90–109%; in busy ones a
// side had 3–45% of both cores and the pairs gave 18–481%. So a side's pace is the larger of its
// server's and wrk's share of their cores, and a pair is uneven (growth's rule, unevenShares) when
// the two paces differ or either is under half a core: left out of the median, as in growth. A front
// slow for want of something else than CPU (waiting on our server) would have every pair uneven,
// and so no median ('–'), never a pass.

/** What issue 8 asks of every page behind the front: this share of nginx static's req/s, or more. */
export const FRONT_TARGET_SHARE = 0.8;

/** The bench's targets measured by default: the cached pages issue 8 names, and the feed. */
export const DEFAULT_FRONT_TARGETS = ['article', 'front page', 'section', 'feed'] as const;

export interface FrontMeasurement extends GrowthMeasurement {
  /** CPU ticks of the load generator (wrk, on its own core) during the load. */
  loadTicks: number;
}

export interface FrontPair {
  /** nginx serving the article's bytes from a file (gzip_static): the ceiling. */
  ceiling: FrontMeasurement;
  /** The front serving the page; its CPU ticks are the front's and our server's together. */
  front: FrontMeasurement;
}

export interface FrontSummary {
  target: string;
  path: string;
  pairs: FrontPair[];
  /** Per pair: the front's req/s ÷ the ceiling's. */
  shares: number[];
  /** The median of the shares of the pairs that were not uneven; NaN (null in JSON) if none was. */
  medianShare: number;
  /** How many pairs that median is taken over: the even ones. */
  counted: number;
  /** The median of every pair's share, uneven or not. */
  medianShareAll: number;
  minShare: number;
  maxShare: number;
  /** Per pair: milliseconds of CPU per request on the server core, ceiling and front. */
  cpuMsPerRequest: { ceiling: number[]; front: number[] };
  /**
   * Median over pairs of the ceiling's CPU per request ÷ the front's: the share the front would reach
   * if the server core were the limit, as it is in quiet stretches; moved less than req/s by the busy
   * ones (there a side's idle timers weigh on few requests), so it is given for every pair.
   */
  medianCpuShare: number;
  /** Per pair: the share of the server core each side used during its measurement (1 = all of it). */
  coreShare: { ceiling: number[]; front: number[] };
  /** Per pair: the share of its own core wrk used while loading each side. */
  loadCoreShare: { ceiling: number[]; front: number[] };
  /** Indices of the pairs whose sides had different paces, or a low one (isUnevenFront). */
  unevenPairs: number[];
  /** Indices of pairs in which either side needed over NOISY_CPU_FACTOR times its median CPU per request. */
  noisyPairs: number[];
  errors: number;
}

/**
 * The targets to measure, [name, path] in the bench's order: `wanted` names them, or 'all'. A name
 * the corpus lacks (the sitemap child below 50,000 articles) is left out.
 */
export function frontTargets(targets: [string, string][], wanted: readonly string[] | 'all'): [string, string][] {
  return wanted === 'all' ? targets : targets.filter(([name]) => wanted.includes(name));
}

/** The share of its core wrk used during a measurement of `seconds`. */
export function loadCoreShare(measurement: FrontMeasurement, seconds: number): number {
  return coreShare({ ...measurement, cpuTicks: measurement.loadTicks }, seconds);
}

/** How close a side came to the limit of whichever process set its pace: the server or wrk. */
function pace(measurement: FrontMeasurement, seconds: number): number {
  return Math.max(coreShare(measurement, seconds), loadCoreShare(measurement, seconds));
}

/** Whether the pair's two sides ran at different paces, or either at a low one (unevenShares). */
export function isUnevenFront(pair: FrontPair, seconds: number): boolean {
  return unevenShares(pace(pair.ceiling, seconds), pace(pair.front, seconds));
}

/** `seconds`: how long each measurement's load ran, for the share of the core each side used. */
export function summarizeFront(target: string, path: string, pairs: FrontPair[], seconds: number): FrontSummary {
  const shares = pairs.map(({ ceiling, front }) => front.reqPerSec / ceiling.reqPerSec);
  const ceiling = pairs.map((pair) => cpuMsPerRequest(pair.ceiling));
  const front = pairs.map((pair) => cpuMsPerRequest(pair.front));
  const unevenPairs = pairs.flatMap((pair, i) => (isUnevenFront(pair, seconds) ? [i] : []));
  const even = shares.filter((_, i) => !unevenPairs.includes(i));
  return {
    target,
    path,
    pairs,
    shares,
    medianShare: median(even),
    counted: even.length,
    medianShareAll: median(shares),
    minShare: Math.min(...shares),
    maxShare: Math.max(...shares),
    cpuMsPerRequest: { ceiling, front },
    medianCpuShare: median(ceiling.map((ms, i) => ms / (front[i] as number))),
    coreShare: {
      ceiling: pairs.map((pair) => coreShare(pair.ceiling, seconds)),
      front: pairs.map((pair) => coreShare(pair.front, seconds)),
    },
    loadCoreShare: {
      ceiling: pairs.map((pair) => loadCoreShare(pair.ceiling, seconds)),
      front: pairs.map((pair) => loadCoreShare(pair.front, seconds)),
    },
    unevenPairs,
    noisyPairs: noisyPairs(ceiling, front),
    errors: pairs.reduce((sum, pair) => sum + pair.ceiling.errors + pair.front.errors, 0),
  };
}

const percent = (share: number) => (Number.isFinite(share) ? `${fixed(share * 100, 1)}%` : '–');

/**
 * The table the bench prints: one line per page. A share marked `*` is from a pair in which a side
 * needed over NOISY_CPU_FACTOR times its median CPU per request (a CPU-hungry stretch), `!` from an
 * uneven pair (isUnevenFront), left out of the median; `<` marks a median under FRONT_TARGET_SHARE.
 */
export function frontTable(summaries: FrontSummary[]): string[] {
  const header = [
    'target'.padEnd(16),
    'path'.padEnd(24),
    'front ÷ nginx static req/s, per pair'.padEnd(44),
    'median (of n)'.padStart(15),
    'all pairs'.padStart(9),
    'min–max'.padStart(13),
    'CPU µs/req'.padStart(10),
    'CPU share'.padStart(9),
    'server core'.padStart(11),
    'wrk core'.padStart(11),
    'errors'.padStart(6),
  ];
  const lines = [header.join(' ')];
  for (const summary of summaries) {
    const marks = (i: number) =>
      `${summary.noisyPairs.includes(i) ? '*' : ''}${summary.unevenPairs.includes(i) ? '!' : ''}`;
    const shares = summary.shares.map((share, i) => `${percent(share)}${marks(i)}`);
    // Microseconds: a static hit costs tens of them, and hundredths of a millisecond hide the difference.
    const micro = (ms: number[]) => fixed(median(ms) * 1000, 0);
    const cores = ({ ceiling, front }: { ceiling: number[]; front: number[] }) =>
      `${fixed(median(ceiling) * 100, 0)}% / ${fixed(median(front) * 100, 0)}%`;
    const missed = summary.medianShare < FRONT_TARGET_SHARE ? '<' : '';
    lines.push(
      [
        summary.target.padEnd(16),
        summary.path.slice(0, 24).padEnd(24),
        shares.join(' ').padEnd(44),
        `${missed}${percent(summary.medianShare)} (${summary.counted})`.padStart(15),
        percent(summary.medianShareAll).padStart(9),
        `${percent(summary.minShare)}–${percent(summary.maxShare)}`.padStart(13),
        `${micro(summary.cpuMsPerRequest.ceiling)} / ${micro(summary.cpuMsPerRequest.front)}`.padStart(10),
        percent(summary.medianCpuShare).padStart(9),
        cores(summary.coreShare).padStart(11),
        cores(summary.loadCoreShare).padStart(11),
        String(summary.errors).padStart(6),
      ].join(' '),
    );
  }
  return lines;
}
