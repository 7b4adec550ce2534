import { describe, expect, it } from 'vitest';
import { withoutClientRuntime } from './client-runtime';

// The shape of a page as Next 16 (Turbopack) writes it, cut down from a production build's article.
const head = [
  '<head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/2nm64enpehau2.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/2kbyj_02q8cbm.js"/>',
  '<script src="/_next/static/chunks/44pt7poav6hvh.js" async=""></script>',
  '<script src="/_next/static/chunks/turbopack-077hmtqrhcoji.js" async=""></script>',
  '<title>A story | The Daily Ledger</title>',
  '<link rel="canonical" href="https://news.example/articles/a-story"/>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
  '</head>',
].join('');
const content = [
  '<main><article><h1>A story</h1><p>Text about &lt;script&gt; tags.</p>',
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":"A story"}</script>',
  '<span data-time-ago="2026-12-06T10:00:00.000Z"></span></article></main>',
  '<script>(function(){document.querySelectorAll("[data-time-ago]")})()</script>',
].join('');
const runtime = [
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>',
  '<script src="/_next/static/chunks/2kbyj_02q8cbm.js" async=""></script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:\\"\\u003c/script>\\""])</script>',
].join('');
const page = `<!DOCTYPE html><html lang="en-GB">${head}<body>${content}${runtime}</body></html>`;

describe('a page without Next’s client runtime', () => {
  const document = withoutClientRuntime(page);

  it('has no script file, no script preload, no payload and no bootstrap', () => {
    expect(document).not.toMatch(/<script[^>]*\ssrc=/);
    expect(document).not.toContain('rel="preload"');
    expect(document).not.toContain('__next_f');
    expect(document).not.toContain('TURBOPACK');
  });

  it('keeps everything else as it was: head, text, stylesheet, structured data, our own script', () => {
    expect(document).toBe(
      `<!DOCTYPE html><html lang="en-GB"><head><meta charSet="utf-8"/>` +
        '<link rel="stylesheet" href="/_next/static/chunks/2nm64enpehau2.css" data-precedence="next"/>' +
        '<title>A story | The Daily Ledger</title>' +
        '<link rel="canonical" href="https://news.example/articles/a-story"/>' +
        `</head><body>${content}</body></html>`,
    );
  });

  it('keeps script files that are not Next’s, and React’s own instructions for late Suspense boundaries', () => {
    const extra = '<script src="/embed/player.js" async=""></script><script>$RC("B:0","S:0")</script>';
    const withExtra = page.replace('</body>', `${extra}</body>`);
    expect(withoutClientRuntime(withExtra)).toBe(document.replace('</body>', `${extra}</body>`));
  });

  it('leaves a page that Next did not render unchanged', () => {
    const plain = '<!DOCTYPE html><html><head><script src="/_next/static/chunks/x.js"></script></head></html>';
    expect(withoutClientRuntime(plain)).toBe(plain);
  });

  it('leaves whole the empty shell whose body only the runtime can render (a notFound() page)', () => {
    const shell =
      '<!DOCTYPE html><html id="__next_error__"><head><title>Page not found</title>' +
      '<script src="/_next/static/chunks/44pt7poav6hvh.js" async=""></script></head>' +
      '<body><div hidden=""></div><script>self.__next_f.push([1,"not found"])</script></body></html>';
    expect(withoutClientRuntime(shell)).toBe(shell);
  });

  it('leaves the page whole when a part of the runtime is written in a way it does not know', () => {
    const changed = page.replace('<script>self.__next_f.push(', '<script>window.__boot=1;self.__next_f.push(');
    expect(withoutClientRuntime(changed)).toBe(changed);
  });
});
