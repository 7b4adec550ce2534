import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { isSafeUrl, sanitiseArticleHtml } from './sanitise';

// The sanitiser is the second lock behind the renderer: fed HTML the renderer would never write, it
// must still let nothing unsafe through; fed what the renderer writes, it must change nothing.

describe('sanitiseArticleHtml', () => {
  it('removes scripts, event handlers, unsafe targets, styles and unknown tags', () => {
    const html = sanitiseArticleHtml(
      [
        '<p onclick="steal()">Hi<script>alert(1)</script></p>',
        '<a href="javascript:alert(1)">x</a><a href="  JaVa&#x09;script:alert(1)">y</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>" onerror="alert(2)">',
        '<iframe src="https://evil.example"></iframe><form action="/x"><input name="q"></form>',
        '<td style="background:url(javascript:alert(1))">c</td><p style="position:fixed">z</p>',
        '<!-- hidden --><svg><use href="#x"/></svg>',
      ].join(''),
    );
    for (const bad of [
      '<script',
      'onclick',
      'onerror',
      'javascript',
      'data:',
      '<iframe',
      '<form',
      '<input',
      '<svg',
      'style=',
      '<!--',
    ])
      expect(html.toLowerCase()).not.toContain(bad);
    expect(html).toContain('<p>Hi');
    expect(html).toContain('>x</a>');
  });

  it('leaves everything the renderer writes as it is', () => {
    const markdown = [
      'A [link](https://example.com/?a=1&b=2 "t"), [relative](other/page), [mail](mailto:desk@example.com).',
      'Noted[^1]. ~~Struck~~ `code` ![chart](https://img.example/c.png "Chart")',
      '| a | b |\n|:--|--:|\n| 1 | 2 |',
      '```ts\nconst a = 1 < 2;\n```',
      '3. three\n4. four',
      '> quoted\n\n---\n\n## Heading',
      '[^1]: The note.',
    ].join('\n\n');
    const { html } = renderMarkdown(markdown);
    expect(sanitiseArticleHtml(html)).toBe(html);
    // The pieces with attributes really are in it, so the comparison above covers them.
    for (const piece of [
      'title="t"',
      'id="user-content-fn-1"',
      'data-footnote-backref',
      'style="text-align:right"',
      'start="3"',
      'class="language-ts"',
    ])
      expect(html).toContain(piece);
  });
});

describe('isSafeUrl', () => {
  it('refuses script and data schemes however they are disguised, and keeps web, mail and relative addresses', () => {
    for (const url of [
      'javascript:alert(1)',
      ' java\tscript:x',
      'JAVASCRIPT:x',
      'java%73cript:x',
      'vbscript:x',
      'data:text/html,x',
      'file:///etc/passwd',
    ])
      expect(isSafeUrl(url), url).toBe(false);
    for (const url of [
      'https://example.com/a?b=c',
      'http://x.org',
      'mailto:a@b.c',
      '/articles/x',
      'other/page',
      '#top',
      '?page=2',
    ])
      expect(isSafeUrl(url), url).toBe(true);
  });
});
