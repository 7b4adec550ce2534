import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FRONT_TARGETS,
  frontTable,
  frontTargets,
  summarizeFront,
  type FrontMeasurement,
  type FrontPair,
} from './front-pairs';

const TARGETS: [string, string][] = [
  ['article', '/articles/a'],
  ['article history', '/articles/a/history'],
  ['front page', '/'],
  ['section', '/sections/world'],
  ['feed', '/feed.xml'],
  ['search', '/search?q=harbour'],
];

/**
 * A measurement of `reqPerSec` for 3 s that cost `cpuUs` microseconds of server-core CPU a request
 * (ticks of 10 ms), with wrk using `wrkShare` of its own core (all of it unless said).
 */
function measured(reqPerSec: number, cpuUs: number, wrkShare = 1): FrontMeasurement {
  const requests = reqPerSec * 3;
  return {
    requests,
    reqPerSec,
    p50Ms: 1,
    p99Ms: 2,
    errors: 0,
    cpuTicks: (requests * cpuUs) / 10_000,
    loadTicks: wrkShare * 300,
  };
}

/**
 * Pairs from [nginx static's req/s, its CPU µs per request, the front's req/s, its CPU µs per
 * request], and optionally wrk's share of its core on either side.
 */
const pairs = (...rows: ([number, number, number, number] | [number, number, number, number, number, number])[]) =>
  rows.map(([ceilingRate, ceilingCpu, frontRate, frontCpu, ceilingWrk, frontWrk]): FrontPair => ({
    ceiling: measured(ceilingRate, ceilingCpu, ceilingWrk),
    front: measured(frontRate, frontCpu, frontWrk),
  }));

describe('frontTargets', () => {
  it('keeps the named targets in the bench’s order, and every one for all', () => {
    expect(frontTargets(TARGETS, DEFAULT_FRONT_TARGETS).map(([name]) => name)).toEqual([
      'article',
      'front page',
      'section',
      'feed',
    ]);
    expect(frontTargets(TARGETS, 'all')).toEqual(TARGETS);
    expect(frontTargets(TARGETS, ['sitemap child', 'feed'])).toEqual([['feed', '/feed.xml']]);
  });
});

describe('summarizeFront', () => {
  it('takes each pair’s share (front ÷ nginx static req/s), their median and range, CPU and core', () => {
    const summary = summarizeFront(
      'article',
      '/articles/a',
      pairs([20000, 40, 16000, 60], [10000, 40, 9000, 60], [20000, 40, 12000, 60]),
      3,
    );
    expect(summary.shares).toEqual([0.8, 0.9, 0.6]);
    expect(summary.medianShare).toBe(0.8);
    expect([summary.minShare, summary.maxShare]).toEqual([0.6, 0.9]);
    expect(summary.cpuMsPerRequest.ceiling.map((ms) => +ms.toFixed(6))).toEqual([0.04, 0.04, 0.04]);
    expect(summary.cpuMsPerRequest.front.map((ms) => +ms.toFixed(6))).toEqual([0.06, 0.06, 0.06]);
    // 20,000 req/s at 40 µs: 80% of the core; the front's 16,000 at 60 µs: 96%.
    expect(summary.coreShare.ceiling.map((share) => +share.toFixed(6))).toEqual([0.8, 0.4, 0.8]);
    expect(summary.coreShare.front.map((share) => +share.toFixed(6))).toEqual([0.96, 0.54, 0.72]);
    expect(summary.medianCpuShare).toBeCloseTo(40 / 60, 6);
    expect(summary.noisyPairs).toEqual([]);
    expect(summary.unevenPairs).toEqual([]);
    expect(summary.errors).toBe(0);
  });

  it('leaves out of the median a pair whose sides ran at different paces, or at a low one', () => {
    // 7 December under another session's CI: neither server fills its core, wrk sets the pace.
    // Pair 2: wrk had 40% of its core for the front (another process took the rest): 45% that says nothing.
    // Pair 3: the front filled the server core, wrk waited on it (70%): both sides at full pace, counted.
    // Pair 4: wrk at 45% on both sides, under half its core.
    // The median of the two even pairs, 85% and 80%; of all four, 45% and 80% in the middle.
    const summary = summarizeFront(
      'section',
      '/sections/world',
      pairs(
        [20000, 40, 17000, 45, 1, 0.95],
        [20000, 40, 9000, 45, 1, 0.4],
        [20000, 40, 16000, 62, 1, 0.7],
        [9000, 40, 4000, 45, 0.45, 0.45],
      ),
      3,
    );
    expect(summary.loadCoreShare.front).toEqual([0.95, 0.4, 0.7, 0.45]);
    expect(summary.unevenPairs).toEqual([1, 3]);
    expect(summary.counted).toBe(2);
    expect(summary.medianShare).toBeCloseTo(0.825, 6);
    expect(summary.medianShareAll).toBeCloseTo((0.45 + 0.8) / 2, 6);
    expect(frontTable([summary])[1]).toMatch(/ 85\.0% 45\.0%! 80\.0%\* 44\.4%! +82\.5% \(2\) +62\.5% /);
  });

  it('gives no median when every pair was uneven: a busy stretch throughout says nothing', () => {
    // Measured 7 December at load 3: 16,000 req/s with nginx at 41% of its core and wrk at 43%.
    const summary = summarizeFront('corrections', '/corrections', pairs([16000, 25, 15000, 25, 0.43, 0.4]), 3);
    expect([summary.counted, summary.medianShare, summary.medianShareAll]).toEqual([0, Number.NaN, 0.9375]);
    expect(frontTable([summary])[1]).toMatch(/ 93\.8%! +– \(0\) +93\.8% /);
  });

  it('keeps the median where one side of a pair fell in a CPU-hungry stretch, and marks that pair', () => {
    // Pair 2: the front needed twice its usual CPU per request, so half the req/s.
    const summary = summarizeFront(
      'front page',
      '/',
      pairs([20000, 40, 17000, 50], [20000, 40, 8500, 100], [19000, 40, 17100, 50], [21000, 42, 16800, 50]),
      3,
    );
    expect(summary.medianShare).toBeCloseTo((0.85 + 0.8) / 2, 6);
    expect(summary.minShare).toBe(0.425);
    expect(summary.noisyPairs).toEqual([1]);
  });

  it('adds up the errors of every measurement', () => {
    const failing = { ...measured(20000, 40), errors: 3 };
    expect(
      summarizeFront('feed', '/feed.xml', [{ ceiling: failing, front: { ...failing, errors: 2 } }], 3).errors,
    ).toBe(5);
  });
});

describe('frontTable', () => {
  it('prints one line per page: each share with its marks, the median (< under 80%), range, CPU and both cores', () => {
    // The third pair: the front in a CPU-hungry stretch, marked, and the median still 85%.
    const met = summarizeFront(
      'article',
      '/articles/a',
      pairs([20000, 40, 18000, 50], [20000, 40, 17000, 50], [20000, 40, 9000, 100]),
      3,
    );
    const missed = summarizeFront('section', '/sections/world', pairs([20000, 40, 14000, 60]), 3);
    const [header, first, second] = frontTable([met, missed]);
    expect(header).toContain('front ÷ nginx static req/s, per pair');
    expect(first).toMatch(
      /^article +\/articles\/a +90\.0% 85\.0% 45\.0%\* +85\.0% \(3\) +85\.0% +45\.0%–90\.0% +40 \/ 50 +80\.0% +80% \/ 90% +100% \/ 100% +0$/,
    );
    expect(second).toMatch(
      /^section +\/sections\/world +70\.0% +<70\.0% \(1\) +70\.0% +70\.0%–70\.0% +40 \/ 60 +66\.7% +80% \/ 84% +100% \/ 100% +0$/,
    );
  });
});
