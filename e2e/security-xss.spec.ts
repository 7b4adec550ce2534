import { expect, test, type Page } from '@playwright/test';
import { slugify } from '../lib/content/slug';
import { parseXml } from '../tests/support/xml';
import { ownInlineScripts, unsafeMarkup, watchForScripts } from '../tests/support/e2e/xss-checks';
import { XSS_SEARCH_WORD, xssCases, type XssCase } from '../tests/support/e2e/xss-content';

// Stored content is hostile: e2e/fixtures/xss/payloads.txt, placed by scripts/e2e.ts in every field a
// reader sees (e2e/support/xss-content.ts). The browser must run none of it on any page that shows
// it, and no page, feed or JSON-LD block may carry it as markup that could run.

const cases = xssCases();
const siteOrigin = () => new URL(process.env.SITE_URL ?? 'http://localhost:3100').origin;
const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

let siteScripts: string[] | undefined;

/**
 * The site's own inline script, in full, from a page that shows no stored text (the search form with
 * no query): exactly one, the "3 hours ago" script. Pages may carry it and nothing else of the kind.
 */
async function ownScripts(page: Page): Promise<string[]> {
  if (siteScripts) return siteScripts;
  const response = await page.request.get('/search');
  const scripts = await ownInlineScripts(page, await response.text());
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toContain('[data-time-ago]');
  return (siteScripts = scripts);
}

/** Loads a page in the browser, waits for it to settle, and returns what it saw and what it was sent. */
async function visit(page: Page, seen: string[], path: string): Promise<string[]> {
  const own = await ownScripts(page);
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  const problems = await unsafeMarkup(page, (await response?.text()) ?? '', own);
  // Focus and hover handlers would need a reader's move: make one over everything focusable.
  await page.keyboard.press('Tab');
  await page.mouse.move(200, 300);
  return [...problems, ...seen.splice(0)].map((problem) => `${path} ${problem}`);
}

test.describe('hostile stored text runs nowhere', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the corpus is the size the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  for (const [index, chunk] of chunks(cases, 18).entries()) {
    test(`article pages show each payload as text (part ${index + 1})`, async ({ page }) => {
      const seen = watchForScripts(page, siteOrigin());
      const problems: string[] = [];
      for (const { payload, articleSlug } of chunk) {
        problems.push(...(await visit(page, seen, `/articles/${articleSlug}`)));
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(payload.trim());
        problems.push(...(await jsonLdProblems(page, payload)));
      }
      expect(problems).toEqual([]);
    });
  }

  for (const [index, chunk] of chunks(cases, 24).entries()) {
    test(`author and tag pages list them safely (part ${index + 1})`, async ({ page }) => {
      const seen = watchForScripts(page, siteOrigin());
      const problems: string[] = [];
      for (const { authorSlug, tagName } of chunk) {
        problems.push(...(await visit(page, seen, `/authors/${authorSlug}`)));
        problems.push(...(await visit(page, seen, `/tags/${slugify(tagName)}`)));
      }
      expect(problems).toEqual([]);
    });
  }

  test('the front page, the section and search results show them safely', async ({ page }) => {
    const seen = watchForScripts(page, siteOrigin());
    const problems: string[] = [];
    problems.push(...(await visit(page, seen, '/')));
    for (let number = 1; ; number++) {
      const path = number === 1 ? '/sections/world' : `/sections/world?page=${number}`;
      problems.push(...(await visit(page, seen, path)));
      if ((await page.locator('a[rel="next"]').count()) === 0) break;
    }
    // Highlighting wraps matched words, so these searches cut right through the payloads.
    for (const query of [XSS_SEARCH_WORD, 'script', 'alert', 'onerror', 'javascript', 'img src']) {
      problems.push(...(await visit(page, seen, `/search?q=${encodeURIComponent(query)}`)));
      await expect(page.locator('main')).not.toContainText('No results');
    }
    expect(problems).toEqual([]);
  });

  test('share cards draw every headline into an image', async ({ request }) => {
    for (const { articleSlug } of cases) {
      const response = await request.get(`/articles/${articleSlug}/card.png`);
      expect(response.status(), articleSlug).toBe(200);
      expect(response.headers()['content-type']).toBe('image/png');
      // A PNG, whatever the headline: an image carries no markup to run.
      expect((await response.body()).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
  });

  test('RSS and Atom carry every payload as text, never as markup that runs', async ({ page, request }) => {
    await page.goto('/robots.txt');
    const problems: string[] = [];
    for (const item of cases) {
      for (const scope of [`/authors/${item.authorSlug}`, `/tags/${slugify(item.tagName)}`]) {
        problems.push(...(await feedProblems(page, request, `${scope}/feed.xml`, item)));
        problems.push(...(await feedProblems(page, request, `${scope}/atom.xml`, item)));
      }
    }
    expect(problems).toEqual([]);
  });
});

type Node = Record<string, unknown>;

/** Elements named script and event-handler or script-URL attributes anywhere in a parsed XML tree. */
function xmlProblems(node: unknown, where: string): string[] {
  if (Array.isArray(node)) return node.flatMap((child) => xmlProblems(child, where));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Node).flatMap(([key, value]) => [
    ...(key.toLowerCase() === 'script' || /^@on/i.test(key) ? [`${where}: <${key}>`] : []),
    ...(key.startsWith('@') && /^\s*(javascript|vbscript):/i.test(String(value))
      ? [`${where}: ${key}=${String(value)}`]
      : []),
    ...xmlProblems(value, where),
  ]);
}

async function feedProblems(page: Page, request: Page['request'], url: string, item: XssCase): Promise<string[]> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  const doc = parseXml(await response.text());
  const problems = xmlProblems(doc, url);
  const rss = (doc.rss as Node | undefined)?.channel as Node | undefined;
  // Fields that travel as HTML; an RSS title is plain text and must read as the headline itself.
  const html: unknown[] = [];
  if (rss) {
    for (const entry of rss.item as Node[]) {
      if (entry.title !== item.payload) problems.push(`${url}: RSS title ${JSON.stringify(entry.title)}`);
      html.push(entry.description, entry['content:encoded']);
    }
  } else {
    for (const entry of (doc.feed as Node).entry as Node[]) {
      for (const field of ['title', 'summary', 'content']) html.push((entry[field] as Node | undefined)?.['#text']);
    }
  }
  for (const fragment of html) {
    if (typeof fragment !== 'string') continue;
    problems.push(...(await unsafeMarkup(page, fragment)).map((problem) => `${url}: ${problem}`));
  }
  return problems;
}

/** The JSON-LD blocks must stay inside their script element, parse, name the headline, and link nowhere unsafe. */
async function jsonLdProblems(page: Page, payload: string): Promise<string[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const problems: string[] = [];
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const block of blocks) {
    if (/[<>]/.test(block)) problems.push(`JSON-LD holds a raw "<" or ">": ${block.slice(0, 120)}`);
    walk(JSON.parse(block));
  }
  if (!strings.includes(payload.trim())) problems.push(`JSON-LD lacks the headline ${JSON.stringify(payload)}`);
  for (const value of strings) {
    if (/^\s*(javascript|vbscript):|^\s*data:text\/html/i.test(value) && value !== payload.trim()) {
      problems.push(`JSON-LD URL ${value}`);
    }
  }
  return problems;
}
