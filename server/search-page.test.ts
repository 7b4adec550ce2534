import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleRow, createTestDatabase, type TestDatabase } from '../tests/support/database';
import { findSearchResults } from '../lib/data/search';
import { composeSteps, toRequestListener, type RequestStep } from './pipeline';
import { searchDocument, searchPageStep, toSearchParams, toShell, type SearchShell } from './search-page';

// The search results our server writes into the page's shell (server/search-page.tsx), from a real
// migrated database: the same SearchView the page renders, so counts, links, highlighting and
// escaping come from one source. The whole flow through the server is in e2e/search.spec.ts.

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const PAGE = (main: string) =>
  `<!DOCTYPE html><html lang="en-GB"><head><title>Search | The Daily Ledger</title></head><body>` +
  `<header>site</header><main id="main" tabindex="-1">${main}</main><footer>end</footer>` +
  `<script>document.querySelectorAll('[data-time-ago]')</script></body></html>`;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.section.create({ data: { id: 1, slug: 'world', name: 'World <News>' } });
  await db.prisma.article.create({
    data: articleRow('hostile-story', new Date(NOW.getTime() - HOUR), {
      headline: 'Tags <script>alert(1)</script> & "quotes" about the zorbleck',
      bodyText: 'The <b>zorbleck</b> markup & <img src=x onerror=alert(1)> stays text.',
    }),
  });
  for (let index = 1; index <= 12; index++) {
    await db.prisma.article.create({
      data: articleRow(`paged-${index}`, new Date(NOW.getTime() - index * HOUR), {
        bodyText: `Quimbly note ${index}.`,
      }),
    });
  }
});

afterAll(async () => {
  await db.dispose();
});

const shell = (): SearchShell => {
  const cut = toShell(PAGE('<div class="list-page search-page">the empty page</div>'), {
    'content-type': 'text/html; charset=utf-8',
    'content-length': '999',
    'x-cache': 'BYPASS',
    'content-security-policy': "script-src 'self'",
  });
  if (!cut) throw new Error('the page was not cut');
  return cut;
};

async function document(query: string, page = 1): Promise<string> {
  const results = await findSearchResults(db.prisma, NOW, query, page);
  if (!results) throw new Error(`no page ${page} for ${query}`);
  return searchDocument(shell(), query, results);
}

describe('the shell', () => {
  it("keeps the page around its <main>'s content and the headers that are not the shell's own", () => {
    const cut = shell();
    expect(cut.head.endsWith('<main id="main" tabindex="-1">')).toBe(true);
    expect(cut.tail.startsWith('</main><footer>end</footer>')).toBe(true);
    expect(cut.headers).toEqual({ 'content-type': 'text/html; charset=utf-8' });
  });

  it('refuses a page results cannot be written into as they are', () => {
    expect(toShell('<html><body>no main</body></html>', {})).toBeNull();
    expect(toShell(PAGE('<main>nested</main>'), {})).toBeNull();
    // Next's payload left in: the client runtime would render the empty page over the results.
    expect(toShell(PAGE('x').replace('</body>', '<script>self.__next_f.push([1,""])</script></body>'), {})).toBeNull();
  });
});

describe('results written into the shell', () => {
  it('shows the count, the query in the form, linked headlines and marked words', async () => {
    const html = await document('zorbleck');
    expect(html.startsWith(shell().head)).toBe(true);
    expect(html.endsWith(shell().tail)).toBe(true);
    expect(html).toContain('<p class="search-page__count" role="status">1 story matches “zorbleck”</p>');
    expect(html).toContain('name="q" value="zorbleck"');
    expect(html).toContain('<a href="/articles/hostile-story">');
    expect(html).toContain('<mark>zorbleck</mark>');
    expect(html).toContain('<p class="kicker">World &lt;News&gt;</p>');
    expect(html).toMatch(
      /<time dateTime="2026-03-10T11:00:00.000Z">[^<]+<\/time><span data-time-ago="2026-03-10T11:00:00.000Z"><\/span>/,
    );
  });

  it('writes hostile text from stories and from the query as text, never as markup', async () => {
    const html = await document('zorbleck <script>');
    const main = html.slice(shell().head.length, html.length - shell().tail.length);
    expect(main).not.toMatch(/<(?:script|img|b)\b/i);
    // SQLite marks "script" inside the tag as a word; PostgreSQL's parser reads `<script>` as a tag
    // and marks nothing there. Either way the text is escaped.
    expect(main.replace(/<\/?mark>/g, '')).toContain(
      'Tags &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;',
    );
    expect(main).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(main).toContain('value="zorbleck &lt;script&gt;"');
    expect(main).toContain('“zorbleck &lt;script&gt;”');
  });

  it('says when nothing matches, and pages through the rest with the query in the links', async () => {
    expect(await document('nothingmatcheszz')).toContain(
      'No stories match “nothingmatcheszz”. Try fewer or different words.',
    );
    const first = await document('quimbly');
    expect(first.match(/class="search-result"/g)).toHaveLength(10);
    expect(first).toContain('12 stories match “quimbly”');
    expect(first).toContain('<a rel="next" href="/search?q=quimbly&amp;page=2">Next page</a>');
    const second = await document('quimbly', 2);
    expect(second.match(/class="search-result"/g)).toHaveLength(2);
    expect(second).toContain('<a rel="prev" href="/search?q=quimbly">Previous page</a>');
    expect(second).toContain('Page 2 of 2');
  });
});

describe('the query string', () => {
  it('is handed over as Next hands it to the page: repeated parameters as arrays', () => {
    expect(toSearchParams(new URLSearchParams('q=a+b&page=2'))).toEqual({ q: 'a b', page: '2' });
    expect(toSearchParams(new URLSearchParams('q=a&q=b&q=c'))).toEqual({ q: ['a', 'b', 'c'] });
  });
});

describe('the step in a server', () => {
  // The step before a stand-in for Next, in a real server: Next serves the shell at /search (its
  // header shows which content version it was rendered for) and answers everything else with a 404.
  let server: Server;
  let origin = '';
  let generation = 0;
  let failing = false;
  const shellAsks: string[] = [];
  const toNext: string[] = [];
  const next: RequestStep = (req, res) => {
    if (req.url === '/search') {
      shellAsks.push(String(req.headers.range));
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
      res.end(PAGE('<div class="list-page search-page">the empty page</div>').replace('site', `version ${generation}`));
      return;
    }
    toNext.push(`${req.method} ${req.url}`);
    res.statusCode = 404;
    res.end('from Next');
  };

  beforeAll(async () => {
    const step = searchPageStep({
      generation: () => generation,
      search: (query, page) =>
        failing ? Promise.reject(new Error('database away')) : findSearchResults(db.prisma, NOW, query, page),
    });
    server = createServer(toRequestListener(composeSteps([step, next])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = (path: string, init: RequestInit = {}) => fetch(`${origin}${path}`, init);

  it("writes results into Next's shell, with the shell's headers, asked once per content version", async () => {
    const first = await ask('/search?q=zorbleck');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
    const html = await first.text();
    expect(html).toContain('<header>version 0</header>');
    expect(html).toContain('1 story matches “zorbleck”');
    expect(html).not.toContain('the empty page');
    await ask('/search?q=quimbly&page=2');
    expect(shellAsks).toEqual(['bytes=0-']);
    generation += 1;
    expect(await (await ask('/search?q=zorbleck')).text()).toContain('<header>version 1</header>');
    expect(shellAsks).toHaveLength(2);
  });

  it("answers HEAD with the page's headers and no body", async () => {
    const length = Buffer.byteLength(await (await ask('/search?q=quimbly')).text());
    const head = await new Promise<{ status?: number; length?: string; body: string }>((resolve, reject) => {
      request(`${origin}/search?q=quimbly`, { method: 'HEAD' }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode, length: response.headers['content-length'], body }),
        );
      })
        .on('error', reject)
        .end();
    });
    expect(head).toEqual({ status: 200, length: String(length), body: '' });
  });

  it('leaves to Next what the page answers otherwise: no query, bad or past-the-end pages, RSC, errors', async () => {
    toNext.length = 0;
    const passed = [
      '/search?page=2',
      '/search?q=%20%00',
      '/search?q=quimbly&page=3',
      '/search?q=quimbly&page=abc',
      '/search?q=quimbly&page=1&page=2',
      '/search?q=%E0%A4%A',
      '/search/?q=quimbly',
    ];
    for (const path of passed) expect((await ask(path)).status, path).toBe(404);
    expect((await ask('/search?q=quimbly', { headers: { rsc: '1' } })).status).toBe(404);
    expect((await ask('/search?q=quimbly', { method: 'POST' })).status).toBe(404);
    failing = true;
    expect((await ask('/search?q=quimbly')).status).toBe(404);
    failing = false;
    expect(toNext).toEqual([
      ...passed.map((path) => `GET ${path}`),
      'GET /search?q=quimbly',
      'POST /search?q=quimbly',
      'GET /search?q=quimbly',
    ]);
  });
});
