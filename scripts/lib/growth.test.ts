import { describe, expect, it } from 'vitest';
import { growthPages, growthTable, median, summarize, type GrowthMeasurement, type GrowthPair } from './growth';

const SMALL: [string, string][] = [
  ['article', '/articles/a'],
  ['front page', '/'],
  ['section', '/sections/world'],
  ['sitemap', '/sitemap.xml'],
  ['search', '/search?q=harbour'],
];
const LARGE: [string, string][] = [...SMALL.slice(0, 4), ['sitemap child', '/sitemaps/articles-1.xml'], SMALL[4]!];

/**
 * A measurement of `reqPerSec` for 3 s whose server spent `cpuMs` per request (ticks of 10 ms): at
 * 1,000 req/s and 1 ms a request, all of its core.
 */
function measured(reqPerSec: number, cpuMs: number): GrowthMeasurement {
  const requests = reqPerSec * 3;
  return { requests, reqPerSec, p50Ms: 1, p99Ms: 2, errors: 0, cpuTicks: (requests * cpuMs) / 10 };
}

/** Pairs from [small corpus's req/s, its CPU ms per request, large corpus's req/s, its CPU ms per request]. */
const pairs = (...rows: [number, number, number, number][]): GrowthPair[] =>
  rows.map(([baseRate, baseCpu, grownRate, grownCpu]) => ({
    base: measured(baseRate, baseCpu),
    grown: measured(grownRate, grownCpu),
  }));

describe('growthPages', () => {
  it('compares the growth pages by name, and the sitemap child with the small corpus’s only sitemap', () => {
    expect(growthPages(SMALL, LARGE)).toEqual([
      { target: 'front page', basePath: '/', grownPath: '/' },
      { target: 'section', basePath: '/sections/world', grownPath: '/sections/world' },
      { target: 'sitemap', basePath: '/sitemap.xml', grownPath: '/sitemap.xml' },
      { target: 'sitemap child', basePath: '/sitemap.xml', grownPath: '/sitemaps/articles-1.xml' },
      { target: 'search', basePath: '/search?q=harbour', grownPath: '/search?q=harbour' },
    ]);
  });

  it('leaves out the sitemap child when neither corpus has one, and any page one corpus lacks', () => {
    const noSearch = SMALL.filter(([name]) => name !== 'search');
    expect(growthPages(SMALL, noSearch).map((page) => page.target)).toEqual(['front page', 'section', 'sitemap']);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarize', () => {
  const page = { target: 'front page', basePath: '/', grownPath: '/' };

  it('takes each pair’s ratio (small ÷ large req/s), their median and range, and CPU per request', () => {
    const summary = summarize(page, pairs([1000, 1, 1000, 1], [1200, 1, 1000, 1.2], [900, 1.1, 1000, 1]), 3);
    expect(summary.ratios).toEqual([1, 1.2, 0.9]);
    expect(summary.medianRatio).toBe(1);
    expect([summary.minRatio, summary.maxRatio]).toEqual([0.9, 1.2]);
    expect(summary.cpuMsPerRequest.base.map((ms) => +ms.toFixed(6))).toEqual([1, 1, 1.1]);
    expect(summary.cpuMsPerRequest.grown.map((ms) => +ms.toFixed(6))).toEqual([1, 1.2, 1]);
    expect(summary.medianCpuRatio).toBeCloseTo(1, 6);
    expect(summary.noisyPairs).toEqual([]);
    expect(summary.errors).toBe(0);
  });

  it('keeps the median where one pair fell in a CPU-hungry stretch, and marks that pair', () => {
    // Pair 2: the large corpus's server needed twice its usual CPU per request, so half the req/s.
    const summary = summarize(
      page,
      pairs([1000, 1, 950, 1.05], [1000, 1, 500, 2], [1000, 1, 1000, 1], [980, 1, 1000, 1], [1000, 1, 990, 1]),
      3,
    );
    expect(summary.maxRatio).toBe(2);
    expect(summary.medianRatio).toBeCloseTo(1000 / 990, 6);
    expect(summary.noisyPairs).toEqual([1]);
    expect(summary.unevenPairs).toEqual([]);
  });

  it('marks a pair in which one server had only part of its core, and its CPU ratio stays near 1', () => {
    // Pair 1: another process took 60% of the large corpus's core; the page cost the same CPU.
    const summary = summarize(page, pairs([1000, 1, 1000, 1], [1000, 1, 400, 1], [1000, 1, 1000, 1.1]), 3);
    expect(summary.ratios).toEqual([1, 2.5, 1]);
    expect(summary.coreShare.grown.map((share) => +share.toFixed(6))).toEqual([1, 0.4, 1.1]);
    expect(summary.unevenPairs).toEqual([1]);
    expect(summary.noisyPairs).toEqual([]);
    expect(summary.medianCpuRatio).toBeCloseTo(1, 6);
  });

  it('counts a pair whose servers both lost the same share of their core, unless under half of it', () => {
    // Another process took 30% of the core throughout: both sides alike, the ratio holds.
    // The second pair: both at 40–42%, under half the core.
    expect(summarize(page, pairs([700, 1, 720, 1], [400, 1, 420, 1]), 3).unevenPairs).toEqual([1]);
  });

  it('takes the median over the pairs that were not uneven, and gives none when every one was', () => {
    const some = summarize(
      page,
      pairs([1000, 1, 300, 1], [1000, 1, 300, 1], [1000, 1, 1000, 1], [1100, 1, 1000, 1]),
      3,
    );
    expect([some.medianRatio, some.counted]).toEqual([1.05, 2]);
    const none = summarize(page, pairs([1000, 1, 300, 1], [600, 1, 300, 1]), 3);
    expect(none.counted).toBe(0);
    expect(none.medianRatio).toBeNaN();
    expect(growthTable([none], { base: 1000, grown: 100000 })[1]).toMatch(/ 3\.33! 2\.00! +– \(0\) +2\.00–3\.33 /);
  });

  it('adds up the errors of every measurement', () => {
    const failing = { ...measured(1000, 1), errors: 3 };
    expect(summarize(page, [{ base: failing, grown: { ...failing, errors: 2 } }], 3).errors).toBe(5);
  });
});

describe('growthTable', () => {
  it('prints one line per page: each ratio with its marks, the median, the range, CPU and the least core', () => {
    const summary = summarize(
      { target: 'sitemap child', basePath: '/sitemap.xml', grownPath: '/sitemaps/articles-1.xml' },
      pairs([1000, 1, 1000, 1], [1000, 1, 500, 2], [1100, 1, 1000, 1]),
      3,
    );
    const [header, row] = growthTable([summary], { base: 1000, grown: 100000 });
    expect(header).toContain('ratio per pair (1,000 ÷ 100,000 req/s)');
    expect(header).toContain('least core');
    expect(row).toMatch(
      /^sitemap child +\/sitemap\.xml \/ \/sitemaps\/articles-1\.xml +1\.00 2\.00\* 1\.10 +1\.10x \(3\) +1\.00–2\.00 +1000 \/ 1000 +1\.00x +100% +0$/,
    );
  });
});
