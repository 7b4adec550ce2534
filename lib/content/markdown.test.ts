import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis, links and GFM tables', () => {
    const { html, text, wordCount } = renderMarkdown(
      'One *two* [three](https://example.org).\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- first item\n- second item',
    );
    expect(html).toContain('<p>One <em>two</em> <a href="https://example.org">three</a>.</p>');
    expect(html).toContain('<table>');
    // One block per line pair, table cells included, so search and word counts see every word.
    expect(text).toBe('One two three.\n\nA\n\nB\n\n1\n\n2\n\nfirst item\n\nsecond item');
    expect(wordCount).toBe(11);
  });

  it('lets no raw HTML or script URL through', () => {
    const { html, text } = renderMarkdown(
      'Hello <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>\n\n[click](javascript:alert(3))',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|<div|<img|javascript:/i);
    expect(text).toContain('click');
  });

  it('keeps curly quotes and other characters as written', () => {
    expect(renderMarkdown('He said “no” — it’s 24 hours.').text).toBe('He said “no” — it’s 24 hours.');
  });

  it('gives every footnote link a target on the page, both ways', () => {
    const { html } = renderMarkdown(
      'A claim.[^1] Another.[^source]\n\n[^1]: The note.\n[^source]: Where it came from.',
    );
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]);
    // Two references and two back-links.
    expect(targets).toHaveLength(4);
    for (const target of targets) expect(ids).toContain(target);
    const described = [...html.matchAll(/\saria-describedby="([^"]+)"/g)].map((match) => match[1]);
    for (const id of described) expect(ids).toContain(id);
  });

  it('renders GFM strikethrough and bare web addresses, and drops unsafe link and image targets', () => {
    const { html, text } = renderMarkdown(
      '~~old~~ new, see https://example.org/a and [home](/sections/world).\n\n' +
        '[x](vbscript:msgbox) [y](file:///etc/passwd) [z](JAVA%0ASCRIPT:alert(1)) ![pic](data:image/svg+xml,1) ![ok](https://example.org/a.png)',
    );
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<a href="https://example.org/a">https://example.org/a</a>');
    expect(html).toContain('<a href="/sections/world">home</a>');
    expect(html).toContain('<img src="https://example.org/a.png" alt="ok">');
    expect(html).not.toMatch(/vbscript|file:|script:|data:/i);
    expect(text.split('\n\n')[1]).toBe('x y z');
  });
});
